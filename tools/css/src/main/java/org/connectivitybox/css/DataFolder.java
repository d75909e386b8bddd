package org.connectivitybox.css;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.connectivitybox.hal.store.AtomicFiles;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;

/**
 * The CSS's data folder; on first start it makes what is missing, afterwards it loads it.
 *
 * <pre>
 * ca/ca.crt          Root CA certificate (the one root every box trusts)
 * ca/ca.key          its private key, PKCS#8 PEM, 0600 (same layout as tools/provision's CA folder)
 * server/css.crt     the CSS server certificate (purpose CSS_SERVER), then the issuers
 * server/css.key     its private key, 0600
 * admin/password     the admin API password (user "admin"), 0600
 * db/                the embedded H2 database (unused with --jdbc-url)
 * </pre>
 *
 * <p>The server certificate is re-issued when it does not name every address the CSS serves.
 * Failures are {@link CssException}s naming the file.
 */
public final class DataFolder {
  private final Path dir;
  private final CertificateAuthority ca;
  private final PrivateKey serverKey;
  private final List<X509Certificate> serverChain;
  private final String adminPassword;
  private final boolean adminPasswordCreated;

  private DataFolder(Path dir, CertificateAuthority ca, PrivateKey serverKey,
      List<X509Certificate> serverChain, String adminPassword, boolean adminPasswordCreated) {
    this.dir = dir;
    this.ca = ca;
    this.serverKey = serverKey;
    this.serverChain = serverChain;
    this.adminPassword = adminPassword;
    this.adminPasswordCreated = adminPasswordCreated;
  }

  /**
   * Opens {@code dir}, making the Root CA, server certificate and admin password if missing.
   *
   * @param serverNames host names and IP literals the CSS serves on ({@code localhost} and
   *     {@code 127.0.0.1} are always added)
   */
  public static DataFolder open(Path dir, List<String> serverNames, Clock clock)
      throws CssException {
    SecureRandom random = new SecureRandom();
    try {
      Files.createDirectories(dir);
      CertificateAuthority ca = rootCa(dir.resolve("ca"), clock, random);
      Set<String> names = new LinkedHashSet<>(serverNames);
      names.add("localhost");
      names.add("127.0.0.1");
      names.remove("0.0.0.0");
      Path server = dir.resolve("server");
      PrivateKey key;
      List<X509Certificate> chain;
      if (Files.exists(server.resolve("css.crt"))) {
        key = Pem.readPrivateKey(read(server.resolve("css.key")), null, "server/css.key");
        chain = Pem.readCertificates(read(server.resolve("css.crt")), "server/css.crt");
        if (!names(chain.get(0)).containsAll(names) || !issuedBy(chain.get(0), ca)) {
          chain = null;
        }
      } else {
        key = null;
        chain = null;
      }
      if (chain == null) {
        KeyPair pair = KeyAlgorithm.EC_P256.generate(random);
        X509Certificate leaf = ca.issueCssServerCertificate("Connectivity Box CSS",
            new ArrayList<>(names), pair.getPublic(), CertificatePurpose.CSS_SERVER.defaultValidity());
        key = pair.getPrivate();
        chain = ca.presentedChain(leaf);
        Files.createDirectories(server);
        AtomicFiles.write(server.resolve("css.key"), bytes(Pem.privateKey(key)),
            AtomicFiles.OWNER_ONLY);
        AtomicFiles.write(server.resolve("css.crt"), bytes(Pem.certificates(chain)),
            AtomicFiles.PUBLIC);
      }
      Path passwordFile = dir.resolve("admin").resolve("password");
      boolean created = false;
      String password;
      if (Files.exists(passwordFile)) {
        password = read(passwordFile).strip();
      } else {
        byte[] raw = new byte[18];
        random.nextBytes(raw);
        password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Files.createDirectories(passwordFile.getParent());
        AtomicFiles.write(passwordFile, bytes(password + "\n"), AtomicFiles.OWNER_ONLY);
        created = true;
      }
      Files.createDirectories(dir.resolve("db"));
      return new DataFolder(dir, ca, key, chain, password, created);
    } catch (IOException | GeneralSecurityException e) {
      throw new CssException("data folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private static CertificateAuthority rootCa(Path caDir, Clock clock, SecureRandom random)
      throws IOException, GeneralSecurityException {
    Path cert = caDir.resolve("ca.crt");
    Path key = caDir.resolve("ca.key");
    if (Files.exists(cert)) {
      return CertificateAuthority.of(Pem.readCertificate(read(cert), "ca/ca.crt"),
          Pem.readPrivateKey(read(key), null, "ca/ca.key"), List.of(), clock, random);
    }
    CertificateAuthority ca = CertificateAuthority.createRoot("Connectivity Box Root CA",
        KeyAlgorithm.EC_P256, clock, random);
    Files.createDirectories(caDir);
    AtomicFiles.write(key, bytes(Pem.privateKey(ca.privateKey())), AtomicFiles.OWNER_ONLY);
    AtomicFiles.write(cert, bytes(Pem.certificate(ca.certificate())), AtomicFiles.PUBLIC);
    return ca;
  }

  private static boolean issuedBy(X509Certificate leaf, CertificateAuthority ca) {
    try {
      leaf.verify(ca.certificate().getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Set<String> names(X509Certificate cert) throws CertificateParsingException {
    Set<String> out = new LinkedHashSet<>();
    if (cert.getSubjectAlternativeNames() != null) {
      for (List<?> n : cert.getSubjectAlternativeNames()) {
        out.add(String.valueOf(n.get(1)));
      }
    }
    return out;
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public Path dir() {
    return dir;
  }

  /** The Root CA, which signs CB certificates. */
  public CertificateAuthority ca() {
    return ca;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  /** The server certificate, then its issuers (without the root). */
  public List<X509Certificate> serverChain() {
    return serverChain;
  }

  public String adminPassword() {
    return adminPassword;
  }

  /** Whether this start made the admin password (so it is shown once). */
  public boolean adminPasswordCreated() {
    return adminPasswordCreated;
  }

  /** The folder of the embedded database. */
  public Path databaseFolder() {
    return dir.resolve("db");
  }
}
