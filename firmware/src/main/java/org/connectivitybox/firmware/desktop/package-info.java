/**
 * The box on a desktop: its front panel (LCD and keypad) as a local web page, {@link
 * org.connectivitybox.firmware.desktop.PanelServer}, over the HAL's in-memory display and
 * desktop keypad.
 */
package org.connectivitybox.firmware.desktop;
