/**
 * Zero-touch configuration, box side (Figure 15, Phase II; docs/configuration.md): the {@link
 * org.connectivitybox.firmware.config.Configurator} dials the configuration NAP (or the local
 * NAP), serves {@code PUT /v1/configuration} over HTTPS with the serial-number certificate
 * ({@link org.connectivitybox.firmware.config.ConfigurationServer}), checks and stores the
 * parameters 191 ({@link org.connectivitybox.firmware.config.ParametersInstaller}), and retries
 * with back-off; {@link org.connectivitybox.firmware.config.ConfigScreens} puts the steps on the
 * LCD.
 */
package org.connectivitybox.firmware.config;
