package org.connectivitybox.protocols.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Parameters190")
class Parameters190Test {
  private final TestPki pki = TestPki.create();
  private final Parameters190 p = pki.parameters190("SN-1");

  private Parameters190 copy(String userName, String password, ConfigurationMode mode,
      ServiceAddress address, PublicKey publicKey, PrivateKey privateKey,
      List<X509Certificate> chain) {
    return new Parameters190(p.serialNumber(), p.configNapNumber(), userName, password,
        p.configTimeouts(), mode, address, publicKey, privateKey, chain, p.rootCaCertificate(),
        p.configurationFlag());
  }

  private String refusal(String userName, String password) {
    return assertThrows(IllegalArgumentException.class, () -> copy(userName, password,
        p.configurationMode(), null, p.publicKey(), p.privateKey(),
        p.serialNumberCertificate())).getMessage();
  }

  @Test
  void toStringShowsNeitherThePasswordNorThePrivateKey() {
    String text = p.toString();
    assertTrue(text.contains("SN-1"), text);
    assertFalse(text.contains(p.configPassword()), text);
    String keyPem = Pem.privateKey(p.privateKey());
    assertFalse(text.contains(keyPem), text);
    assertFalse(text.contains(keyPem.split("\n")[1]), "no line of the key's PEM");
    assertFalse(text.contains(Base64.getEncoder().encodeToString(p.privateKey().getEncoded())));
    assertFalse(text.contains("PRIVATE KEY"), text);
  }

  @Test
  void theKeyPairMatchesOnlyWithItsOwnPrivateKey() {
    assertTrue(p.keyPairMatches());
    Parameters190 foreign = copy(p.configUserName(), p.configPassword(), p.configurationMode(),
        null, p.publicKey(), pki.newKeyPair().getPrivate(), p.serialNumberCertificate());
    assertFalse(foreign.keyPairMatches(), "construction does not sign, so this is built");
  }

  @Test
  void theConfigDomainIsWhatFollowsTheSerial() {
    assertEquals(TestPki.CONFIG_DOMAIN, p.configDomain());
    assertEquals("SN-1@cfg.example.net",
        Parameters190.configUserName(SerialNumber.of("SN-1"), "cfg.example.net"));
    assertEquals("malformed configuration domain 'a..b'", assertThrows(
        IllegalArgumentException.class,
        () -> Parameters190.configUserName(SerialNumber.of("SN-1"), "a..b")).getMessage());
    assertEquals("malformed configuration domain 'null'", assertThrows(
        IllegalArgumentException.class,
        () -> Parameters190.configUserName(SerialNumber.of("SN-1"), null)).getMessage());
  }

  @Test
  void theUserNameMustBeThisSerialAtADomain() {
    assertEquals("configuration user name 'SN-2@config.test' must have the form "
        + "SN-1@config_domain", refusal("SN-2@config.test", "pw"));
    assertEquals("configuration user name 'SN-10@config.test' must have the form "
        + "SN-1@config_domain", refusal("SN-10@config.test", "pw"));
    assertEquals("configuration user name 'null' must have the form SN-1@config_domain",
        refusal(null, "pw"));
    assertEquals("malformed configuration domain 'x@config.test'",
        refusal("SN-1@x@config.test", "pw"));
  }

  @Test
  void thePasswordIsOneTo128PrintableCharacters() {
    String rule = "configuration password must be 1 to 128 printable ASCII characters without spaces";
    assertEquals(rule, refusal(p.configUserName(), ""));
    assertEquals(rule, refusal(p.configUserName(), null));
    assertEquals(rule, refusal(p.configUserName(), "with space"));
    assertEquals(rule, refusal(p.configUserName(), "tab\t"));
    assertEquals(rule, refusal(p.configUserName(), "ü-umlaut"));
    assertEquals(rule, refusal(p.configUserName(), "x".repeat(129)));
    String longest = "~".repeat(128);
    assertEquals(longest, copy(p.configUserName(), longest, p.configurationMode(), null,
        p.publicKey(), p.privateKey(), p.serialNumberCertificate()).configPassword());
  }

  @Test
  void theBoxConnectsModeNeedsAnAddress() {
    assertEquals("configuration mode BOX_CONNECTS_TO_CSS needs the configuration service address",
        assertThrows(IllegalArgumentException.class, () -> copy(p.configUserName(),
            p.configPassword(), ConfigurationMode.BOX_CONNECTS_TO_CSS, null, p.publicKey(),
            p.privateKey(), p.serialNumberCertificate())).getMessage());
  }

  @Test
  void aMissingCertificateIsRefused() {
    assertEquals("the serial-number certificate is missing", assertThrows(
        IllegalArgumentException.class, () -> copy(p.configUserName(), p.configPassword(),
            p.configurationMode(), null, p.publicKey(), p.privateKey(), List.of())).getMessage());
  }

  @Test
  void aCbCertificateIsNotASerialNumberCertificate() {
    TestPki.Identity cb = pki.cbIdentity("cb-1", pki.newKeyPair());
    String message = assertThrows(IllegalArgumentException.class, () -> copy(
        p.configUserName(), p.configPassword(), p.configurationMode(), null,
        cb.keys().getPublic(), cb.privateKey(), cb.chain())).getMessage();
    assertTrue(message.endsWith("is not a serial-number certificate"), message);
  }

  @Test
  void thePublicKeyMustBeTheCertificates() {
    assertEquals("the public key is not the one in the serial-number certificate", assertThrows(
        IllegalArgumentException.class, () -> copy(p.configUserName(), p.configPassword(),
            p.configurationMode(), null, pki.newKeyPair().getPublic(), p.privateKey(),
            p.serialNumberCertificate())).getMessage());
  }
}
