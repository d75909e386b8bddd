package org.connectivitybox.protocols.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of this PKI: the Root CA (the CSS) or a factory sub-CA signed by it.
 *
 * <p>It issues the end-entity certificates of the system, each marked with its {@link
 * CertificatePurpose}. Every certificate gets a 128-bit random serial, a validity starting one
 * hour in the past (boxes without a battery-backed clock may run slightly behind), subject and
 * authority key identifiers, and key usage {@code digitalSignature} with extended key usages
 * {@code clientAuth} and {@code serverAuth} (every identity here serves both ways).
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class CertificateAuthority {
  /** Default validity of a Root CA certificate. */
  public static final Duration ROOT_VALIDITY = Duration.ofDays(30 * 366);
  /** Default validity of a factory sub-CA certificate. */
  public static final Duration FACTORY_CA_VALIDITY = Duration.ofDays(26 * 366);
  private static final Duration BACKDATE = Duration.ofHours(1);

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final List<X509Certificate> issuerChain;
  private final Clock clock;
  private final SecureRandom random;

  private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey,
      List<X509Certificate> issuerChain, Clock clock, SecureRandom random) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.issuerChain = List.copyOf(issuerChain);
    this.clock = clock;
    this.random = random;
  }

  /**
   * Makes a new self-signed Root CA with a fresh key.
   *
   * @param commonName the CA's name, for example {@code "Connectivity Box Root CA"}
   */
  public static CertificateAuthority createRoot(String commonName, KeyAlgorithm algorithm,
      Clock clock, SecureRandom random) {
    KeyPair keys = algorithm.generate(random);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    X509Certificate cert = sign(name, name, keys.getPublic(), keys.getPrivate(), null,
        ROOT_VALIDITY, clock, random, b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
          b.addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    return new CertificateAuthority(cert, keys.getPrivate(), List.of(), clock, random);
  }

  /**
   * Loads an existing CA from its certificate and key.
   *
   * @param issuerChain the certificates above this one up to and including the root; empty for
   *     a root
   * @throws GeneralSecurityException if the certificate is not a CA certificate, the key does
   *     not belong to it, or the chain does not link up
   */
  public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey,
      List<X509Certificate> issuerChain, Clock clock, SecureRandom random)
      throws GeneralSecurityException {
    if (certificate.getBasicConstraints() < 0) {
      throw new GeneralSecurityException(
          "certificate " + certificate.getSubjectX500Principal() + " is not a CA certificate");
    }
    if (!KeyMatch.matches(privateKey, certificate.getPublicKey())) {
      throw new GeneralSecurityException("the CA key does not belong to the CA certificate "
          + certificate.getSubjectX500Principal());
    }
    X509Certificate child = certificate;
    for (X509Certificate parent : issuerChain) {
      if (parent.getBasicConstraints() < 0) {
        throw new GeneralSecurityException("issuer " + parent.getSubjectX500Principal()
            + " in the chain is not a CA certificate");
      }
      child.verify(parent.getPublicKey());
      child = parent;
    }
    child.verify(child.getPublicKey()); // the top must be a self-signed root
    return new CertificateAuthority(certificate, privateKey, issuerChain, clock, random);
  }

  /**
   * Makes a factory sub-CA signed by this CA, so that the root key need not sit on the factory
   * line. The sub-CA may sign end-entity certificates only (path length 0).
   */
  public CertificateAuthority createFactoryCa(String commonName, KeyAlgorithm algorithm) {
    if (certificate.getBasicConstraints() == 0) {
      throw new IllegalStateException("CA " + certificate.getSubjectX500Principal()
          + " may sign end-entity certificates only (path length 0), not another CA");
    }
    KeyPair keys = algorithm.generate(random);
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    X509Certificate cert = sign(name, subjectOf(certificate), keys.getPublic(), privateKey,
        certificate, FACTORY_CA_VALIDITY, clock, random, b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
          b.addExtension(Extension.keyUsage, true,
              new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    chain.addAll(issuerChain);
    return new CertificateAuthority(cert, keys.getPrivate(), chain, clock, random);
  }

  /** Issues the serial-number certificate of a box's public key. */
  public X509Certificate issueSerialNumberCertificate(SerialNumber serial, PublicKey key) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.SERIALNUMBER, serial.value())
        .addRDN(BCStyle.CN, serial.value())
        .build();
    return issue(CertificatePurpose.SERIAL_NUMBER, subject, key, List.of(),
        CertificatePurpose.SERIAL_NUMBER.defaultValidity());
  }

  /** Issues the CB certificate: the box's public key bound to the subscriber's CB ID. */
  public X509Certificate issueCbCertificate(CbId cbId, PublicKey key, Duration validity) {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cbId.value()).build();
    return issue(CertificatePurpose.CB, subject, key, List.of(), validity);
  }

  /**
   * Issues the CSS's server certificate.
   *
   * @param subjectAltNames DNS names and IP address literals the server answers on; at least one
   */
  public X509Certificate issueCssServerCertificate(String commonName,
      List<String> subjectAltNames, PublicKey key, Duration validity) {
    if (subjectAltNames.isEmpty()) {
      throw new IllegalArgumentException("a CSS server certificate needs at least one DNS or IP name");
    }
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    return issue(CertificatePurpose.CSS_SERVER, subject, key, subjectAltNames, validity);
  }

  private X509Certificate issue(CertificatePurpose purpose, X500Name subject, PublicKey key,
      List<String> subjectAltNames, Duration validity) {
    Objects.requireNonNull(key, "public key");
    return sign(subject, subjectOf(certificate), key, privateKey, certificate, validity, clock,
        random, b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
          b.addExtension(Extension.certificatePolicies, false,
              new CertificatePolicies(new PolicyInformation(purpose.oid())));
          if (!subjectAltNames.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, altNames(subjectAltNames));
          }
        });
  }

  /** This CA's certificate. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** This CA's private key. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The certificates above this CA, nearest first, ending with the root; empty for a root. */
  public List<X509Certificate> issuerChain() {
    return issuerChain;
  }

  /** The self-signed root this CA chains to (itself for a root). */
  public X509Certificate root() {
    return issuerChain.isEmpty() ? certificate : issuerChain.get(issuerChain.size() - 1);
  }

  /**
   * The chain an end entity issued by this CA presents in TLS: the leaf, then every CA above it
   * except the root (which the peer already has).
   */
  public List<X509Certificate> presentedChain(X509Certificate leaf) {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(leaf);
    if (!issuerChain.isEmpty()) {
      chain.add(certificate);
      chain.addAll(issuerChain.subList(0, issuerChain.size() - 1));
    }
    return chain;
  }

  private static X500Name subjectOf(X509Certificate cert) {
    return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
  }

  private static GeneralNames altNames(List<String> names) {
    List<GeneralName> list = new ArrayList<>();
    for (String n : names) {
      if (looksLikeIpLiteral(n)) {
        try {
          list.add(new GeneralName(GeneralName.iPAddress,
              new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(n).getAddress())));
        } catch (java.net.UnknownHostException e) {
          throw new IllegalArgumentException("bad IP address in subject alt names: " + n, e);
        }
      } else {
        list.add(new GeneralName(GeneralName.dNSName, n));
      }
    }
    return new GeneralNames(list.toArray(new GeneralName[0]));
  }

  private static boolean looksLikeIpLiteral(String n) {
    return n.matches("[0-9.]+") || n.contains(":");
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws CertIOException;
  }

  private static X509Certificate sign(X500Name subject, X500Name issuer, PublicKey subjectKey,
      PrivateKey issuerKey, X509Certificate issuerCert, Duration validity, Clock clock,
      SecureRandom random, Extensions extensions) {
    Instant now = clock.instant();
    Instant notBefore = now.minus(BACKDATE);
    Instant notAfter = now.plus(validity);
    if (issuerCert != null && notAfter.isAfter(issuerCert.getNotAfter().toInstant())) {
      notAfter = issuerCert.getNotAfter().toInstant(); // never outlive the issuer
    }
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
          new BigInteger(128, random).setBit(127), Date.from(notBefore), Date.from(notAfter),
          subject, subjectKey);
      extensions.add(b);
      b.addExtension(Extension.subjectKeyIdentifier, false,
          utils.createSubjectKeyIdentifier(subjectKey));
      b.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
          ? utils.createAuthorityKeyIdentifier(subjectKey)
          : utils.createAuthorityKeyIdentifier(issuerCert.getPublicKey()));
      String algorithm = KeyAlgorithm.of(issuerKey).signatureAlgorithm();
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
    } catch (GeneralSecurityException | CertIOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate for " + subject, e);
    }
  }
}
