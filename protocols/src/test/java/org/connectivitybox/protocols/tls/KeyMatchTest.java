package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("KeyMatch and KeyAlgorithm")
class KeyMatchTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void aKeyPairMatchesItselfOnly() {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      KeyPair a = algorithm.generate(random);
      KeyPair b = algorithm.generate(random);
      assertTrue(KeyMatch.matches(a.getPrivate(), a.getPublic()), algorithm.name());
      assertFalse(KeyMatch.matches(a.getPrivate(), b.getPublic()), algorithm.name());
    }
  }

  @Test
  void keysOfDifferentTypesNeverMatch() {
    KeyPair ec = KeyAlgorithm.EC_P256.generate(random);
    KeyPair rsa = KeyAlgorithm.RSA_2048.generate(random);
    assertFalse(KeyMatch.matches(ec.getPrivate(), rsa.getPublic()));
    assertFalse(KeyMatch.matches(rsa.getPrivate(), ec.getPublic()));
  }

  @Test
  void generatedKeysHaveTheNamedType() {
    assertEquals(KeyAlgorithm.EC_P256, KeyAlgorithm.of(KeyAlgorithm.EC_P256.generate(random).getPublic()));
    assertEquals(KeyAlgorithm.RSA_2048,
        KeyAlgorithm.of(KeyAlgorithm.RSA_2048.generate(random).getPrivate()));
  }

  @Test
  void commandLineNamesParse() {
    assertEquals(KeyAlgorithm.EC_P256, KeyAlgorithm.parse("EC-P256"));
    assertEquals(KeyAlgorithm.RSA_2048, KeyAlgorithm.parse("rsa2048"));
    assertEquals("unknown key type 'dsa': use ec-p256 or rsa-2048",
        assertThrows(IllegalArgumentException.class, () -> KeyAlgorithm.parse("dsa")).getMessage());
  }
}
