package org.connectivitybox.protocols.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * The key types this PKI makes. EC P-256 is the default everywhere: its certificates are small
 * (which matters on a 33.6 kbps line) and its operations cheap on a small board.
 */
public enum KeyAlgorithm {
  /** ECDSA on NIST P-256 with SHA-256 signatures. */
  EC_P256("EC", "SHA256withECDSA"),
  /** RSA 2048 with SHA-256 signatures, for operators whose policy requires RSA. */
  RSA_2048("RSA", "SHA256withRSA");

  private final String jcaName;
  private final String signatureAlgorithm;

  KeyAlgorithm(String jcaName, String signatureAlgorithm) {
    this.jcaName = jcaName;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** The JCA signature algorithm used when a key of this type signs a certificate or CSR. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Makes a fresh key pair. */
  public KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(jcaName);
      if (this == EC_P256) {
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
      } else {
        g.initialize(2048, random);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make " + this + " keys", e);
    }
  }

  /**
   * The type of an existing key (private or public).
   *
   * @throws IllegalArgumentException if the key is of no type this PKI uses: an EC key on another
   *     curve than P-256, an RSA key shorter than 2048 bits, or any other algorithm
   */
  public static KeyAlgorithm of(Key key) {
    switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> {
        if (!(key instanceof ECKey ec) || !P256_ORDER.equals(ec.getParams().getOrder())
            || ec.getParams().getCurve().getField().getFieldSize() != 256) {
          throw new IllegalArgumentException("unsupported EC key: only the P-256 curve is used");
        }
        return EC_P256;
      }
      case "RSA" -> {
        if (!(key instanceof RSAKey rsa) || rsa.getModulus().bitLength() < 2048) {
          throw new IllegalArgumentException("unsupported RSA key: at least 2048 bits are needed");
        }
        return RSA_2048;
      }
      default -> throw new IllegalArgumentException("unsupported key type " + key.getAlgorithm());
    }
  }

  private static final BigInteger P256_ORDER = new BigInteger(
      "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

  /** Parses {@code ec-p256} or {@code rsa-2048} (as typed on a command line). */
  public static KeyAlgorithm parse(String text) {
    return switch (text.toLowerCase(java.util.Locale.ROOT)) {
      case "ec", "ec-p256", "p256", "p-256" -> EC_P256;
      case "rsa", "rsa-2048", "rsa2048" -> RSA_2048;
      default -> throw new IllegalArgumentException(
          "unknown key type '" + text + "': use ec-p256 or rsa-2048");
    };
  }
}
