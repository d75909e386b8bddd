package org.connectivitybox.css.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A subscriber's local NAP password as the CSS keeps it: a salted PBKDF2-HMAC-SHA256 hash in the
 * self-describing form {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64 without padding).
 *
 * <p>The iteration count is modest on purpose: the RADIUS server checks a hash on every NAP login,
 * and the passwords the CSS generates carry about 140 bits, which no count needs to protect. A
 * hand-set weak password still gets a salt and the stretching.
 */
public final class NapPasswordHash {
  static final int ITERATIONS = 20_000;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private NapPasswordHash() {}

  /** Hashes {@code password} with a fresh 16-byte salt. */
  public static String hash(char[] password, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return PREFIX + "$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(derive(password, salt, ITERATIONS));
  }

  /**
   * Whether {@code password} is the one {@code encoded} was made from; the comparison takes the
   * same time wherever the first difference is. A malformed {@code encoded} matches nothing.
   */
  public static boolean matches(char[] password, String encoded) {
    if (encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1 || iterations > 10_000_000) {
        return false;
      }
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The lower-case hex SHA-256 of a password's UTF-8 bytes (the factory manifest's form). */
  public static byte[] sha256(char[] password) {
    ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] b = new byte[bytes.remaining()];
    bytes.get(b);
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    } finally {
      Arrays.fill(b, (byte) 0);
      if (bytes.hasArray()) {
        Arrays.fill(bytes.array(), (byte) 0);
      }
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    KeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
          .getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    }
  }
}
