package org.connectivitybox.provision;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.connectivitybox.hal.store.AtomicFiles;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.PemException;

/**
 * A CA's folder as the factory keeps it.
 *
 * <pre>
 * ca.crt       this CA's certificate (PEM)
 * ca.key       its private key (PKCS#8 PEM, encrypted if a password was given; mode 0600)
 * issuers.crt  only for a factory sub-CA: the certificates above it, ending with the Root CA
 * </pre>
 */
final class CaFolder {
  static final String CERT = "ca.crt";
  static final String KEY = "ca.key";
  static final String ISSUERS = "issuers.crt";

  private CaFolder() {}

  /**
   * Writes a new CA into {@code dir}, which must not already hold a CA.
   *
   * @param password encrypts the key if not null
   */
  static void create(Path dir, CertificateAuthority ca, char[] password)
      throws ProvisionException, IOException {
    if (Files.exists(dir.resolve(KEY)) || Files.exists(dir.resolve(CERT))) {
      throw new ProvisionException(dir + " already holds a CA (" + CERT + " or " + KEY
          + " exists); refusing to overwrite it");
    }
    Files.createDirectories(dir);
    String key = password == null
        ? Pem.privateKey(ca.privateKey()) : Pem.encryptedPrivateKey(ca.privateKey(), password);
    // The certificate is written last: a folder without ca.crt is not a CA, so an interrupted
    // run can simply be repeated.
    AtomicFiles.write(dir.resolve(KEY), bytes(key), AtomicFiles.OWNER_ONLY);
    if (!ca.issuerChain().isEmpty()) {
      AtomicFiles.write(dir.resolve(ISSUERS), bytes(Pem.certificates(ca.issuerChain())),
          AtomicFiles.PUBLIC);
    }
    AtomicFiles.write(dir.resolve(CERT), bytes(Pem.certificate(ca.certificate())),
        AtomicFiles.PUBLIC);
  }

  /** The certificates of a CA folder without its key: this CA, then its issuers to the root. */
  static List<X509Certificate> certificates(Path dir) throws ProvisionException {
    requireFolder(dir);
    try {
      X509Certificate cert = Pem.readCertificate(Files2.readText(dir.resolve(CERT)),
          dir.resolve(CERT).toString());
      List<X509Certificate> issuers = Files.exists(dir.resolve(ISSUERS))
          ? Pem.readCertificates(Files2.readText(dir.resolve(ISSUERS)),
              dir.resolve(ISSUERS).toString())
          : List.of();
      return java.util.stream.Stream.concat(java.util.stream.Stream.of(cert), issuers.stream())
          .toList();
    } catch (PemException e) {
      throw new ProvisionException(e.getMessage(), e);
    }
  }

  /** The Root CA certificate a CA folder chains to (the trust anchor every box gets). */
  static X509Certificate root(Path dir) throws ProvisionException {
    List<X509Certificate> certs = certificates(dir);
    return certs.get(certs.size() - 1);
  }

  /** Loads the CA with its key, ready to sign. */
  static CertificateAuthority load(Path dir, char[] password) throws ProvisionException {
    List<X509Certificate> certs = certificates(dir);
    Path keyFile = dir.resolve(KEY);
    PrivateKey key;
    try {
      key = Pem.readPrivateKey(Files2.readText(keyFile), password, keyFile.toString());
    } catch (PemException e) {
      String hint = e.getMessage().contains("no password")
          ? " (give it with --ca-password-file)" : "";
      throw new ProvisionException(e.getMessage().replace("the private key", "the CA key")
          + hint, e);
    }
    try {
      return CertificateAuthority.of(certs.get(0), key, certs.subList(1, certs.size()),
          Clock.systemUTC(), new SecureRandom());
    } catch (GeneralSecurityException e) {
      throw new ProvisionException(dir + ": not a usable CA: " + e.getMessage(), e);
    }
  }

  private static void requireFolder(Path dir) throws ProvisionException {
    if (!Files.isDirectory(dir)) {
      throw new ProvisionException(dir + ": no such CA folder");
    }
    if (!Files.exists(dir.resolve(CERT))) {
      throw new ProvisionException(dir + ": not a CA folder (no " + CERT + ")");
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static java.nio.file.attribute.FileAttribute<?> ownerOnlyFolder() {
    return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  }
}
