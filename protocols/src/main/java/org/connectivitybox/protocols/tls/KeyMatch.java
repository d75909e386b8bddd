package org.connectivitybox.protocols.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/** Tells whether a private key and a public key form a pair, by signing and verifying. */
public final class KeyMatch {
  private static final byte[] PROBE =
      "connectivity-box key pair check".getBytes(StandardCharsets.US_ASCII);

  private KeyMatch() {}

  /** True if {@code publicKey} verifies what {@code privateKey} signs. */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    try {
      if (KeyAlgorithm.of(privateKey) != KeyAlgorithm.of(publicKey)) {
        return false; // providers name EC keys "EC" or "ECDSA": compare the kind, not the name
      }
      String algorithm = KeyAlgorithm.of(privateKey).signatureAlgorithm();
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }
}
