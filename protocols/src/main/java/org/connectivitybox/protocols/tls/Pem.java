package org.connectivitybox.protocols.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM text for keys, certificates and certificate requests: pure conversions between strings and
 * objects, the forms OpenSSL reads and writes.
 *
 * <p>Private keys are written as PKCS#8 ({@code PRIVATE KEY}), or, with a password, as encrypted
 * PKCS#8 (PBES2: PBKDF2-HMAC-SHA256 and AES-256-CBC). Every reader takes a {@code source} (a file
 * name) for its error messages, and throws {@link PemException} on anything but what it expects.
 */
public final class Pem {
  private static final int PBKDF2_ITERATIONS = 200_000;

  private Pem() {}

  /**
   * The BouncyCastle provider, used only for PKCS#8 encryption: the JDK's providers lack the
   * {@code AES/CBC/PKCS7Padding} cipher BouncyCastle asks for. Made on first use (it is slow to
   * load) and not registered JVM-wide.
   */
  private static final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();
  }

  /** PEM for certificates, one block each, in the order given. */
  public static String certificates(List<X509Certificate> certificates) {
    return write(certificates.toArray());
  }

  /** PEM for one certificate. */
  public static String certificate(X509Certificate certificate) {
    return write(certificate);
  }

  /** Unencrypted PKCS#8 PEM for a private key. */
  public static String privateKey(PrivateKey key) {
    // Written as a raw PemObject: BouncyCastle's writer would turn an EC PrivateKeyInfo into the
    // traditional "EC PRIVATE KEY" form, which lacks the public key when the JDK made the key.
    return write(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** Encrypted PKCS#8 PEM for a private key, readable by {@code openssl pkey -passin}. */
  public static String encryptedPrivateKey(PrivateKey key, char[] password) {
    try {
      OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(
          JcaPKCS8Generator.AES_256_CBC)
          .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
          .setIterationCount(PBKDF2_ITERATIONS)
          .setProvider(Bc.PROVIDER)
          .setPassword(password)
          .build();
      return write(new JcaPKCS8Generator(key, encryptor));
    } catch (OperatorCreationException | PemGenerationException e) {
      throw new IllegalStateException("cannot encrypt a private key", e);
    }
  }

  /** SubjectPublicKeyInfo PEM ({@code PUBLIC KEY}) for a public key. */
  public static String publicKey(PublicKey key) {
    return write(SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  /** PEM for a PKCS#10 certificate request. */
  public static String certificateRequest(PKCS10CertificationRequest request) {
    return write(request);
  }

  /** Reads one or more certificates; anything else in the text is an error. */
  public static List<X509Certificate> readCertificates(String pem, String source)
      throws PemException {
    List<X509Certificate> certs = new ArrayList<>();
    for (Object o : readAll(pem, source)) {
      if (!(o instanceof X509CertificateHolder holder)) {
        throw new PemException(source + ": expected certificates, found " + describe(o));
      }
      try {
        certs.add(new JcaX509CertificateConverter().getCertificate(holder));
      } catch (CertificateException e) {
        throw new PemException(source + ": unreadable certificate: " + e.getMessage(), e);
      }
    }
    if (certs.isEmpty()) {
      throw new PemException(source + ": no certificate in it");
    }
    return certs;
  }

  /** Reads exactly one certificate. */
  public static X509Certificate readCertificate(String pem, String source) throws PemException {
    List<X509Certificate> certs = readCertificates(pem, source);
    if (certs.size() != 1) {
      throw new PemException(source + ": expected one certificate, found " + certs.size());
    }
    return certs.get(0);
  }

  /**
   * Reads a private key: PKCS#8, encrypted PKCS#8 (then {@code password} is needed) or a
   * traditional OpenSSL EC/RSA key.
   *
   * @param password the password of an encrypted key, or null
   * @throws PemException if the text holds no single private key, the key is encrypted and no
   *     password was given, or the password is wrong
   */
  public static PrivateKey readPrivateKey(String pem, char[] password, String source)
      throws PemException {
    List<Object> objects = readAll(pem, source);
    if (objects.size() != 1) {
      throw new PemException(source + ": expected one private key, found " + objects.size()
          + " PEM blocks");
    }
    Object o = objects.get(0);
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        // The public half of a traditional key is optional (RFC 5915): do not depend on it.
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
        if (password == null) {
          throw new PemException(source + ": the private key is encrypted and no password was given");
        }
        try {
          return converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER)
                  .build(password)));
        } catch (PKCSException e) {
          throw new PemException(source + ": wrong password for the private key");
        }
      }
    } catch (PEMException | OperatorCreationException e) {
      throw new PemException(source + ": unreadable private key: " + e.getMessage(), e);
    }
    throw new PemException(source + ": expected a private key, found " + describe(o));
  }

  /** Reads one public key ({@code PUBLIC KEY}). */
  public static PublicKey readPublicKey(String pem, String source) throws PemException {
    List<Object> objects = readAll(pem, source);
    if (objects.size() != 1 || !(objects.get(0) instanceof SubjectPublicKeyInfo info)) {
      throw new PemException(source + ": expected one public key");
    }
    try {
      return new JcaPEMKeyConverter().getPublicKey(info);
    } catch (PEMException e) {
      throw new PemException(source + ": unreadable public key: " + e.getMessage(), e);
    }
  }

  /** Reads one PKCS#10 certificate request. */
  public static PKCS10CertificationRequest readCertificateRequest(String pem, String source)
      throws PemException {
    List<Object> objects = readAll(pem, source);
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
      throw new PemException(source + ": expected one certificate request (CSR)");
    }
    return csr;
  }

  private static List<Object> readAll(String pem, String source) throws PemException {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o;
      while ((o = parser.readObject()) != null) {
        objects.add(o);
      }
    } catch (IOException | RuntimeException e) {
      throw new PemException(source + ": not valid PEM: " + e.getMessage(), e);
    }
    if (objects.isEmpty()) {
      throw new PemException(source + ": no PEM block in it");
    }
    return objects;
  }

  private static String describe(Object o) {
    if (o instanceof X509CertificateHolder) {
      return "a certificate";
    }
    if (o instanceof PrivateKeyInfo || o instanceof PEMKeyPair
        || o instanceof PKCS8EncryptedPrivateKeyInfo) {
      return "a private key";
    }
    if (o instanceof SubjectPublicKeyInfo) {
      return "a public key";
    }
    if (o instanceof PKCS10CertificationRequest) {
      return "a certificate request";
    }
    return "a " + o.getClass().getSimpleName();
  }

  private static String write(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      for (Object o : objects) {
        w.writeObject(o);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing PEM to memory failed", e);
    }
    return out.toString();
  }
}
