package org.connectivitybox.protocols.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * A throw-away PKI for tests: a fresh Root CA, optionally a factory sub-CA under it, and the
 * end-entity identities of the system (serial-number, CB and CSS server certificates) issued by
 * the lowest CA.
 *
 * <p>Every instance makes new keys, so tests never share a CA. Keys are EC P-256 unless an
 * instance is made for {@link KeyAlgorithm#RSA_2048}. Nothing is written to disk unless a
 * {@code writePem} method is called.
 */
public final class TestPki {
  /** The configuration domain of the user names in {@link #parameters190}. */
  public static final String CONFIG_DOMAIN = "config.test";
  /** The CSS server certificate's common name; its SANs are this, {@code localhost} and 127.0.0.1. */
  public static final String CSS_NAME = "css.test";

  private final KeyAlgorithm algorithm;
  private final CertificateAuthority root;
  private final CertificateAuthority issuer;

  private TestPki(KeyAlgorithm algorithm, boolean factoryCa) {
    this.algorithm = algorithm;
    this.root = CertificateAuthority.createRoot("Test Root CA", algorithm, Clock.systemUTC(),
        new SecureRandom());
    this.issuer = factoryCa ? root.createFactoryCa("Test Factory CA", algorithm) : root;
  }

  /** An EC P-256 root that issues end-entity certificates itself. */
  public static TestPki create() {
    return new TestPki(KeyAlgorithm.EC_P256, false);
  }

  /** An EC P-256 root with a factory sub-CA that issues the end-entity certificates. */
  public static TestPki withFactoryCa() {
    return new TestPki(KeyAlgorithm.EC_P256, true);
  }

  /** A PKI whose CAs and device keys are all of {@code algorithm}. */
  public static TestPki create(KeyAlgorithm algorithm, boolean factoryCa) {
    return new TestPki(algorithm, factoryCa);
  }

  /** The Root CA. */
  public CertificateAuthority root() {
    return root;
  }

  /** The CA that issues end-entity certificates: the factory sub-CA if there is one, else the root. */
  public CertificateAuthority issuer() {
    return issuer;
  }

  /** The Root CA certificate, the trust anchor of both sides. */
  public X509Certificate rootCertificate() {
    return root.certificate();
  }

  /** A fresh device key pair of this PKI's algorithm. */
  public KeyPair newKeyPair() {
    return algorithm.generate(new SecureRandom());
  }

  /** A box with a fresh key pair and its serial-number certificate. */
  public Identity serialNumberIdentity(String serial) {
    return serialNumberIdentity(SerialNumber.of(serial), newKeyPair());
  }

  /** The serial-number certificate of {@code keys}. */
  public Identity serialNumberIdentity(SerialNumber serial, KeyPair keys) {
    return identity(keys, issuer.issueSerialNumberCertificate(serial, keys.getPublic()));
  }

  /** A CB certificate (valid two years) for {@code keys}, as issued at registration. */
  public Identity cbIdentity(String cbId, KeyPair keys) {
    return identity(keys, issuer.issueCbCertificate(CbId.of(cbId), keys.getPublic(),
        CertificatePurpose.CB.defaultValidity()));
  }

  /** A CSS server identity named {@link #CSS_NAME}, reachable as localhost and 127.0.0.1. */
  public Identity cssServerIdentity() {
    KeyPair keys = newKeyPair();
    return identity(keys, issuer.issueCssServerCertificate(CSS_NAME,
        List.of(CSS_NAME, "localhost", "127.0.0.1"), keys.getPublic(), Duration.ofDays(30)));
  }

  /**
   * A certificate issued by {@link #issuer()} with any subject and certificate-policy OIDs and
   * nothing else that this PKI checks, for tests of what it refuses: no purpose, two purposes, a
   * purpose whose subject lacks its identity, a CA certificate that carries a purpose.
   *
   * @param subject an X.500 name in BouncyCastle's string form ({@code "SERIALNUMBER=A1,CN=A1"})
   */
  public X509Certificate customCertificate(String subject, PublicKey key, boolean ca,
      ASN1ObjectIdentifier... policies) {
    X509Certificate issuerCert = issuer.certificate();
    Instant now = Instant.now();
    try {
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
          new BigInteger(64, new SecureRandom()).setBit(63), Date.from(now.minusSeconds(3600)),
          Date.from(now.plus(Duration.ofDays(30))), new X500Name(BCStyle.INSTANCE, subject), key);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(ca
          ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
      if (!ca) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
      }
      if (policies.length > 0) {
        PolicyInformation[] infos = new PolicyInformation[policies.length];
        for (int i = 0; i < policies.length; i++) {
          infos[i] = new PolicyInformation(policies[i]);
        }
        b.addExtension(Extension.certificatePolicies, false, new CertificatePolicies(infos));
      }
      ContentSigner signer = new JcaContentSignerBuilder(
          KeyAlgorithm.of(issuer.privateKey()).signatureAlgorithm()).build(issuer.privateKey());
      return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a test certificate for " + subject, e);
    }
  }

  private Identity identity(KeyPair keys, X509Certificate leaf) {
    return new Identity(keys, issuer.presentedChain(leaf));
  }

  /**
   * Parameters 190 as the factory writes them for {@code device} (a serial-number identity):
   * mode {@link ConfigurationMode#CSS_CONNECTS_TO_BOX}, default timeouts, configuration flag set.
   */
  public Parameters190 parameters190(Identity device) {
    SerialNumber serial = device.serialNumber();
    return new Parameters190(serial, TelephoneNumber.of("08001234567"),
        Parameters190.configUserName(serial, CONFIG_DOMAIN), "pw-" + serial.value() + "-Secret!",
        ConfigTimeouts.DEFAULTS, ConfigurationMode.CSS_CONNECTS_TO_BOX, null,
        device.keys().getPublic(), device.keys().getPrivate(), device.chain(),
        rootCertificate(), true);
  }

  /** Parameters 190 for a new box with serial {@code serial} and a fresh key pair. */
  public Parameters190 parameters190(String serial) {
    return parameters190(serialNumberIdentity(serial));
  }

  /** A mutual-TLS context presenting {@code identity}, trusting this root, accepting {@code peers}. */
  public TlsContext tlsContext(Identity identity, CertificatePurpose... peers) {
    return TlsContexts.builder()
        .identity(identity.privateKey(), identity.chain())
        .trustAnchor(rootCertificate())
        .acceptPeers(peers)
        .build();
  }

  /**
   * Writes {@code root.pem} (the Root CA certificate) and, if there is a factory sub-CA,
   * {@code subca.pem} into {@code folder}.
   *
   * @return the path of {@code root.pem}
   */
  public Path writePem(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path rootFile = write(folder.resolve("root.pem"), Pem.certificate(rootCertificate()));
    if (issuer != root) {
      write(folder.resolve("subca.pem"), Pem.certificate(issuer.certificate()));
    }
    return rootFile;
  }

  private static Path write(Path file, String text) throws IOException {
    return Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  /**
   * An end entity: its key pair and the chain it presents (leaf first, then any sub-CA; the root
   * is not included).
   */
  public record Identity(KeyPair keys, List<X509Certificate> chain) {
    public Identity {
      chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
      return chain.get(0);
    }

    public PrivateKey privateKey() {
      return keys.getPrivate();
    }

    /** The serial number this identity's serial-number certificate names. */
    public SerialNumber serialNumber() {
      try {
        if (PeerIdentity.of(leaf()) instanceof PeerIdentity.SerialNumberIdentity s) {
          return s.serial();
        }
      } catch (CertificateException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      throw new IllegalStateException(leaf().getSubjectX500Principal()
          + " is not a serial-number certificate");
    }

    /**
     * Writes {@code NAME.crt} (the chain) and {@code NAME.key} (unencrypted PKCS#8) into
     * {@code folder}.
     *
     * @return the path of {@code NAME.crt}; the key is beside it
     */
    public Path writePem(Path folder, String name) throws IOException {
      Files.createDirectories(folder);
      write(folder.resolve(name + ".key"), Pem.privateKey(privateKey()));
      return write(folder.resolve(name + ".crt"), Pem.certificates(chain));
    }
  }
}
