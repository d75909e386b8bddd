package org.connectivitybox.protocols.config;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyMatch;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * The pre-installed parameters 190: everything a box needs, straight from the factory, to reach
 * the configuration service and prove who it is (specification: the list of parameters 190).
 *
 * <p>The construction checks everything that can be checked without a CA: formats, that the user
 * name is {@code serial@config_domain} for this box's serial, that the serial-number certificate
 * has that purpose and names this serial, and that the public key is the certificate's. Whether
 * the private key belongs to the public key is a signature test, done by {@link
 * #keyPairMatches()} where it matters (at verification and at boot), not on every construction.
 *
 * @param serialNumber the box's serial number
 * @param configNapNumber "CFG NAP tel. no.": a locality-independent (freephone) number
 * @param configUserName "CFG NAP user name": {@code serial@config_domain}
 * @param configPassword "CFG NAP password": the box's own random password for the configuration
 *     login (1 to 128 printable ASCII characters)
 * @param configTimeouts "CFG Timeouts"
 * @param configurationMode which side opens the Phase II connection
 * @param configServiceAddress where the configuration service listens; required for {@link
 *     ConfigurationMode#BOX_CONNECTS_TO_CSS}, otherwise null
 * @param publicKey the box's public key
 * @param privateKey the box's private key
 * @param serialNumberCertificate "CB Serial No. Certificate", leaf first, followed by any
 *     factory sub-CA certificate (the root is not included)
 * @param rootCaCertificate "Certificate for Root CA": the one root the box trusts
 * @param configurationFlag set at the factory, cleared as the last act of configuration
 */
public record Parameters190(
    SerialNumber serialNumber,
    TelephoneNumber configNapNumber,
    String configUserName,
    String configPassword,
    ConfigTimeouts configTimeouts,
    ConfigurationMode configurationMode,
    ServiceAddress configServiceAddress,
    PublicKey publicKey,
    PrivateKey privateKey,
    List<X509Certificate> serialNumberCertificate,
    X509Certificate rootCaCertificate,
    boolean configurationFlag) {

  private static final Pattern DOMAIN = Pattern.compile(
      "(?=.{1,200}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern PASSWORD = Pattern.compile("[\\x21-\\x7e]{1,128}");

  /** @throws IllegalArgumentException with a precise message if any parameter is invalid */
  public Parameters190 {
    require(serialNumber, "serialNumber");
    require(configNapNumber, "configNapNumber");
    require(configTimeouts, "configTimeouts");
    require(configurationMode, "configurationMode");
    require(publicKey, "publicKey");
    require(privateKey, "privateKey");
    require(rootCaCertificate, "rootCaCertificate");
    require(serialNumberCertificate, "serialNumberCertificate");
    for (X509Certificate c : serialNumberCertificate) {
      if (c == null) {
        throw new IllegalArgumentException("serialNumberCertificate holds a null certificate");
      }
    }
    configDomainOf(configUserName, serialNumber);
    if (configPassword == null || !PASSWORD.matcher(configPassword).matches()) {
      throw new IllegalArgumentException(
          "configuration password must be 1 to 128 printable ASCII characters without spaces");
    }
    if (configurationMode == ConfigurationMode.BOX_CONNECTS_TO_CSS && configServiceAddress == null) {
      throw new IllegalArgumentException(
          "configuration mode " + configurationMode + " needs the configuration service address");
    }
    serialNumberCertificate = List.copyOf(serialNumberCertificate);
    if (serialNumberCertificate.isEmpty()) {
      throw new IllegalArgumentException("the serial-number certificate is missing");
    }
    X509Certificate leaf = serialNumberCertificate.get(0);
    if (CertificatePurpose.of(leaf).orElse(null) != CertificatePurpose.SERIAL_NUMBER) {
      throw new IllegalArgumentException("certificate " + leaf.getSubjectX500Principal()
          + " is not a serial-number certificate");
    }
    try {
      PeerIdentity id = PeerIdentity.of(leaf);
      if (!(id instanceof PeerIdentity.SerialNumberIdentity s) || !s.serial().equals(serialNumber)) {
        throw new IllegalArgumentException("the serial-number certificate names " + id
            + ", not serial " + serialNumber);
      }
    } catch (java.security.cert.CertificateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!Arrays.equals(leaf.getPublicKey().getEncoded(), publicKey.getEncoded())) {
      throw new IllegalArgumentException(
          "the public key is not the one in the serial-number certificate");
    }
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }

  /** The user name of the configuration login for {@code serial} in {@code configDomain}. */
  public static String configUserName(SerialNumber serial, String configDomain) {
    if (configDomain == null || !DOMAIN.matcher(configDomain).matches()) {
      throw new IllegalArgumentException("malformed configuration domain '" + configDomain + "'");
    }
    return serial.value() + "@" + configDomain;
  }

  /** The {@code config_domain} part of the configuration user name. */
  public String configDomain() {
    return configDomainOf(configUserName, serialNumber);
  }

  /** These parameters with the configuration flag set or cleared (the rest unchanged). */
  public Parameters190 withConfigurationFlag(boolean flag) {
    return new Parameters190(serialNumber, configNapNumber, configUserName, configPassword,
        configTimeouts, configurationMode, configServiceAddress, publicKey, privateKey,
        serialNumberCertificate, rootCaCertificate, flag);
  }

  /** True if the private key belongs to the public key (a signature test). */
  public boolean keyPairMatches() {
    return KeyMatch.matches(privateKey, publicKey);
  }

  private static String configDomainOf(String userName, SerialNumber serial) {
    String prefix = serial.value() + "@";
    if (userName == null || !userName.startsWith(prefix)) {
      throw new IllegalArgumentException("configuration user name '" + userName
          + "' must have the form " + prefix + "config_domain");
    }
    String domain = userName.substring(prefix.length());
    configUserName(serial, domain); // validates the domain
    return domain;
  }

  @Override
  public String toString() {
    // Never print the password or the private key.
    return "Parameters190[serial=" + serialNumber + ", configNap=" + configNapNumber
        + ", user=" + configUserName + ", mode=" + configurationMode
        + ", configurationFlag=" + configurationFlag + "]";
  }
}
