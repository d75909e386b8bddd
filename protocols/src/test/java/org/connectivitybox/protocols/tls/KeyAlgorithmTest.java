package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class KeyAlgorithmTest {
  @Test
  void keysThisPkiMakesAreRecognised() {
    assertEquals(KeyAlgorithm.EC_P256,
        KeyAlgorithm.of(KeyAlgorithm.EC_P256.generate(new SecureRandom()).getPublic()));
    assertEquals(KeyAlgorithm.RSA_2048,
        KeyAlgorithm.of(KeyAlgorithm.RSA_2048.generate(new SecureRandom()).getPrivate()));
  }

  @Test
  void anEcKeyOnAnotherCurveIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = g.generateKeyPair();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of(p384.getPublic()));
    assertTrue(e.getMessage().contains("only the P-256 curve"), e.getMessage());
  }

  @Test
  void aShortRsaKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    KeyPair weak = g.generateKeyPair();
    assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.of(weak.getPublic()));
  }

  @Test
  void aCsrWithAKeyOnAnotherCurveIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair p384 = g.generateKeyPair();
    var csr = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
        new org.bouncycastle.asn1.x500.X500Name("SERIALNUMBER=CB1"), p384.getPublic())
        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA384withECDSA")
            .build(p384.getPrivate()));
    assertThrows(java.security.GeneralSecurityException.class, () -> DeviceCsr.check(csr));
  }

  @Test
  void typedNamesParse() {
    assertEquals(KeyAlgorithm.EC_P256, KeyAlgorithm.parse("ec-p256"));
    assertEquals(KeyAlgorithm.RSA_2048, KeyAlgorithm.parse("RSA-2048"));
    assertEquals("unknown key type 'dsa': use ec-p256 or rsa-2048",
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.parse("dsa")).getMessage());
  }
}
