package org.connectivitybox.provision;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.tls.SerialNumber;
import picocli.CommandLine.Option;

/**
 * The factory's settings for the pre-installed parameters 190 that are the same for every box of
 * a production run: the configuration NAP, the configuration domain, the timeouts and the
 * configuration mode. Shared by the commands that write device folders.
 */
final class FactoryOptions {
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  /** 24 characters of a 56-letter alphabet: about 139 bits. */
  static final int PASSWORD_LENGTH = 24;

  @Option(names = "--config-nap", paramLabel = "NUMBER", defaultValue = "08005550190",
      description = "Telephone number of the configuration NAP (a freephone number reachable "
          + "from anywhere). Default: ${DEFAULT-VALUE}.")
  String configNap;

  @Option(names = "--config-domain", paramLabel = "DOMAIN", defaultValue = "config.cbox.example",
      description = "Domain of the configuration logins serial@DOMAIN that the RADIUS server "
          + "refers to the configuration service. Default: ${DEFAULT-VALUE}.")
  String configDomain;

  @Option(names = "--config-mode", paramLabel = "MODE", defaultValue = "css-connects",
      description = "Who opens the Phase II connection: css-connects (the CSS calls the box; "
          + "default) or box-connects (the box calls the CSS; for boxes behind NAT, needs "
          + "--config-service).")
  String configMode;

  @Option(names = "--config-service", paramLabel = "HOST:PORT",
      description = "Address of the CSS's configuration service, for --config-mode box-connects.")
  String configService;

  @Option(names = "--call-setup-timeout", paramLabel = "SECONDS", defaultValue = "90",
      description = "Seconds from dialling the configuration NAP to CONNECT. Default: ${DEFAULT-VALUE}.")
  long callSetupSeconds;

  @Option(names = "--login-timeout", paramLabel = "SECONDS", defaultValue = "45",
      description = "Seconds for the login at the NAP. Default: ${DEFAULT-VALUE}.")
  long loginSeconds;

  @Option(names = "--download-timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "Seconds to wait on line for the CSS to deliver parameters 191. Default: ${DEFAULT-VALUE}.")
  long downloadSeconds;

  @Option(names = "--retry-initial", paramLabel = "SECONDS", defaultValue = "60",
      description = "First pause after a failed configuration attempt, doubled each time. Default: ${DEFAULT-VALUE}.")
  long retryInitialSeconds;

  @Option(names = "--retry-max", paramLabel = "SECONDS", defaultValue = "7200",
      description = "Longest pause between configuration attempts. Default: ${DEFAULT-VALUE}.")
  long retryMaxSeconds;

  /** Checks the options once, before any device is made, so that a batch fails fast. */
  void validate() throws ProvisionException {
    try {
      TelephoneNumber.of(configNap);
      Parameters190.configUserName(SerialNumber.of("CHECK"), configDomain);
      timeouts();
      if (mode() == ConfigurationMode.BOX_CONNECTS_TO_CSS && serviceAddress() == null) {
        throw new ProvisionException("--config-mode box-connects needs --config-service HOST:PORT");
      }
    } catch (IllegalArgumentException e) {
      throw new ProvisionException(e.getMessage(), e);
    }
  }

  /** The parameters 190 of one device. */
  Parameters190 parameters(SerialNumber serial, KeyPair keys, List<X509Certificate> chain,
      X509Certificate root, SecureRandom random) throws ProvisionException {
    try {
      return new Parameters190(serial, TelephoneNumber.of(configNap),
          Parameters190.configUserName(serial, configDomain), newPassword(random), timeouts(),
          mode(), serviceAddress(), keys.getPublic(), keys.getPrivate(), chain, root, true);
    } catch (IllegalArgumentException e) {
      throw new ProvisionException(serial + ": " + e.getMessage(), e);
    }
  }

  private ConfigTimeouts timeouts() {
    return new ConfigTimeouts(Duration.ofSeconds(callSetupSeconds),
        Duration.ofSeconds(loginSeconds), Duration.ofSeconds(downloadSeconds),
        Duration.ofSeconds(retryInitialSeconds), Duration.ofSeconds(retryMaxSeconds));
  }

  private ConfigurationMode mode() throws ProvisionException {
    return switch (configMode) {
      case "css-connects" -> ConfigurationMode.CSS_CONNECTS_TO_BOX;
      case "box-connects" -> ConfigurationMode.BOX_CONNECTS_TO_CSS;
      default -> throw new ProvisionException(
          "unknown --config-mode '" + configMode + "': use css-connects or box-connects");
    };
  }

  private ServiceAddress serviceAddress() {
    return configService == null ? null : ServiceAddress.parse(configService);
  }

  /**
   * A fresh random password. The random bytes are drawn in one call (a call to a DRBG costs far
   * more than its bytes) and mapped to the alphabet by rejection sampling, so every character is
   * uniform.
   */
  static String newPassword(SecureRandom random) {
    int limit = 256 - 256 % PASSWORD_ALPHABET.length; // largest multiple of the alphabet size
    char[] p = new char[PASSWORD_LENGTH];
    int filled = 0;
    byte[] bytes = new byte[PASSWORD_LENGTH * 2];
    while (filled < p.length) {
      random.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < p.length; i++) {
        int b = bytes[i] & 0xFF;
        if (b < limit) {
          p[filled++] = PASSWORD_ALPHABET[b % PASSWORD_ALPHABET.length];
        }
      }
    }
    return new String(p);
  }
}
