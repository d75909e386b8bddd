package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.testing.TestPki.Identity;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CertificateAuthority")
class CertificateAuthorityTest {
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final int DIGITAL_SIGNATURE = 0;
  private static final int KEY_CERT_SIGN = 5;
  private static final int CRL_SIGN = 6;

  private static String attribute(X509Certificate cert, ASN1ObjectIdentifier type) {
    RDN[] rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(type);
    assertEquals(1, rdns.length, "one " + type + " in " + cert.getSubjectX500Principal());
    return ((ASN1String) rdns[0].getFirst().getValue()).getString();
  }

  private static boolean[] keyUsage(X509Certificate cert) {
    return cert.getKeyUsage();
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
        cert.getExtensionValue("2.5.29.14")).getOctets()).getKeyIdentifier();
  }

  private static byte[] authorityKeyId(X509Certificate cert) {
    return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
        cert.getExtensionValue("2.5.29.35")).getOctets()).getKeyIdentifierOctets();
  }

  /** PKIX validation as TLS does it, with {@code root} as the only anchor. */
  private static void validate(List<X509Certificate> chain, X509Certificate root)
      throws GeneralSecurityException {
    PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    params.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(
        CertificateFactory.getInstance("X.509").generateCertPath(chain), params);
  }

  @Test
  void theRootIsASelfSignedCaThatMaySignCertificates() throws Exception {
    CertificateAuthority root = TestPki.create().root();
    X509Certificate cert = root.certificate();
    assertTrue(cert.getBasicConstraints() >= 0, "basic constraints cA=true");
    assertTrue(cert.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
    assertTrue(keyUsage(cert)[KEY_CERT_SIGN]);
    assertTrue(keyUsage(cert)[CRL_SIGN]);
    assertFalse(keyUsage(cert)[DIGITAL_SIGNATURE]);
    assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
    cert.verify(cert.getPublicKey());
    assertArrayEquals(subjectKeyId(cert), authorityKeyId(cert));
    assertEquals("Test Root CA", attribute(cert, BCStyle.CN));
    assertEquals(List.of(), root.issuerChain());
    assertEquals(cert, root.root());
    assertTrue(KeyMatch.matches(root.privateKey(), cert.getPublicKey()));
  }

  @Test
  void theFactorySubCaHasPathLengthZeroAndChainsToTheRoot() throws Exception {
    TestPki pki = TestPki.withFactoryCa();
    CertificateAuthority sub = pki.issuer();
    X509Certificate cert = sub.certificate();
    X509Certificate root = pki.rootCertificate();
    assertEquals(0, cert.getBasicConstraints(), "pathLenConstraint 0");
    assertTrue(keyUsage(cert)[KEY_CERT_SIGN]);
    assertEquals(root.getSubjectX500Principal(), cert.getIssuerX500Principal());
    cert.verify(root.getPublicKey());
    assertArrayEquals(subjectKeyId(root), authorityKeyId(cert));
    assertEquals(List.of(root), sub.issuerChain());
    assertEquals(root, sub.root());
    assertFalse(cert.getNotAfter().after(root.getNotAfter()));
    validate(List.of(cert), root);
  }

  @Test
  void aSubCaMayNotSignAnotherCa() {
    TestPki pki = TestPki.withFactoryCa();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> pki.issuer().createFactoryCa("Too Deep", KeyAlgorithm.EC_P256));
    assertTrue(e.getMessage().contains("path length 0"), e.getMessage());
  }

  @Test
  void aSerialNumberCertificateNamesTheSerialAndServesBothWays() throws Exception {
    TestPki pki = TestPki.create();
    KeyPair keys = pki.newKeyPair();
    Instant before = Instant.now();
    X509Certificate cert =
        pki.issuer().issueSerialNumberCertificate(SerialNumber.of("CB-0042"), keys.getPublic());
    assertEquals(CertificatePurpose.SERIAL_NUMBER, CertificatePurpose.of(cert).orElseThrow());
    assertEquals("CB-0042", attribute(cert, BCStyle.SERIALNUMBER));
    assertEquals("CB-0042", attribute(cert, BCStyle.CN));
    assertTrue(cert.getExtendedKeyUsage().containsAll(List.of(CLIENT_AUTH, SERVER_AUTH)));
    assertEquals(-1, cert.getBasicConstraints(), "not a CA");
    assertTrue(keyUsage(cert)[DIGITAL_SIGNATURE]);
    assertFalse(keyUsage(cert)[KEY_CERT_SIGN]);
    assertEquals(keys.getPublic(), cert.getPublicKey());
    assertEquals(pki.rootCertificate().getSubjectX500Principal(), cert.getIssuerX500Principal());
    assertArrayEquals(subjectKeyId(pki.rootCertificate()), authorityKeyId(cert));
    cert.verify(pki.rootCertificate().getPublicKey());
    cert.checkValidity();
    // Backdated an hour for boxes whose clock runs behind; valid for the purpose's default.
    Duration backdate = Duration.between(cert.getNotBefore().toInstant(), before);
    assertTrue(backdate.compareTo(Duration.ofMinutes(59)) > 0
        && backdate.compareTo(Duration.ofMinutes(61)) < 0, "backdated " + backdate);
    Duration validity = Duration.between(before, cert.getNotAfter().toInstant());
    assertTrue(Math.abs(validity.minus(Duration.ofDays(25 * 366)).toMinutes()) < 5,
        "valid for " + validity);
    assertEquals(128, cert.getSerialNumber().bitLength());
    validate(List.of(cert), pki.rootCertificate());
  }

  @Test
  void aCertificateNeverOutlivesItsIssuer() throws Exception {
    TestPki pki = TestPki.withFactoryCa();
    X509Certificate subCa = pki.issuer().certificate();
    KeyPair keys = pki.newKeyPair();
    X509Certificate cb = pki.issuer().issueCbCertificate(CbId.of("cb-1"), keys.getPublic(),
        Duration.ofDays(100 * 366));
    assertEquals(subCa.getNotAfter(), cb.getNotAfter());

    // A CA loaded late in its life caps the default 25-year serial-number validity too.
    Clock late = Clock.fixed(subCa.getNotAfter().toInstant().minus(Duration.ofDays(365)),
        ZoneOffset.UTC);
    CertificateAuthority old = CertificateAuthority.of(subCa, pki.issuer().privateKey(),
        pki.issuer().issuerChain(), late, new SecureRandom());
    X509Certificate serial = old.issueSerialNumberCertificate(SerialNumber.of("S1"),
        keys.getPublic());
    assertEquals(subCa.getNotAfter(), serial.getNotAfter());
    assertEquals(late.instant().minus(Duration.ofHours(1)), serial.getNotBefore().toInstant());
  }

  @Test
  void aCbCertificateNamesTheCbIdInItsCommonName() throws Exception {
    TestPki pki = TestPki.create();
    KeyPair keys = pki.newKeyPair();
    X509Certificate cert = pki.issuer().issueCbCertificate(CbId.of("sub.7-x"), keys.getPublic(),
        Duration.ofDays(10));
    assertEquals(CertificatePurpose.CB, CertificatePurpose.of(cert).orElseThrow());
    assertEquals("sub.7-x", attribute(cert, BCStyle.CN));
    assertEquals(0, X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
        .getRDNs(BCStyle.SERIALNUMBER).length);
    assertEquals(-1, cert.getBasicConstraints());
    assertTrue(cert.getExtendedKeyUsage().containsAll(List.of(CLIENT_AUTH, SERVER_AUTH)));
    Duration validity = Duration.between(cert.getNotBefore().toInstant(),
        cert.getNotAfter().toInstant());
    assertEquals(Duration.ofDays(10).plusHours(1).toMinutes(), validity.toMinutes(), 1);
  }

  @Test
  void aCssServerCertificateCarriesItsDnsAndIpNames() throws Exception {
    TestPki pki = TestPki.create();
    X509Certificate cert = pki.issuer().issueCssServerCertificate("css.example.net",
        List.of("css.example.net", "localhost", "127.0.0.1", "::1"), pki.newKeyPair().getPublic(),
        Duration.ofDays(30));
    assertEquals(CertificatePurpose.CSS_SERVER, CertificatePurpose.of(cert).orElseThrow());
    assertEquals("css.example.net", attribute(cert, BCStyle.CN));
    Set<List<?>> names = new HashSet<>(cert.getSubjectAlternativeNames());
    assertEquals(Set.of(List.of(2, "css.example.net"), List.of(2, "localhost"),
        List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1")), names);
    assertTrue(cert.getExtendedKeyUsage().contains(SERVER_AUTH));
  }

  @Test
  void aCssServerCertificateWithoutNamesIsRefused() {
    TestPki pki = TestPki.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> pki.issuer().issueCssServerCertificate("css", List.of(),
            pki.newKeyPair().getPublic(), Duration.ofDays(1)));
    assertTrue(e.getMessage().contains("at least one DNS or IP name"));
  }

  @Test
  void everyCertificateGetsItsOwnRandomSerial() {
    TestPki pki = TestPki.create();
    KeyPair keys = pki.newKeyPair();
    Set<java.math.BigInteger> serials = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      serials.add(pki.issuer().issueSerialNumberCertificate(SerialNumber.of("S1"),
          keys.getPublic()).getSerialNumber());
    }
    assertEquals(20, serials.size());
  }

  @Test
  void theChainPresentedInTlsOmitsTheRoot() {
    TestPki flat = TestPki.create();
    Identity a = flat.serialNumberIdentity("A1");
    assertEquals(List.of(a.leaf()), flat.issuer().presentedChain(a.leaf()));
    TestPki deep = TestPki.withFactoryCa();
    Identity b = deep.serialNumberIdentity("B1");
    assertEquals(List.of(b.leaf(), deep.issuer().certificate()), b.chain());
    assertDoesNotThrow(() -> validate(b.chain(), deep.rootCertificate()));
  }

  @Test
  void rsa2048WorksForARootAndALeaf() throws Exception {
    TestPki pki = TestPki.create(KeyAlgorithm.RSA_2048, true);
    X509Certificate root = pki.rootCertificate();
    assertEquals("RSA", root.getPublicKey().getAlgorithm());
    assertEquals("SHA256withRSA", root.getSigAlgName());
    Identity device = pki.serialNumberIdentity("RSA-1");
    assertEquals("RSA", device.leaf().getPublicKey().getAlgorithm());
    assertEquals("SHA256withRSA", device.leaf().getSigAlgName());
    assertEquals(2048, ((java.security.interfaces.RSAPublicKey) device.leaf().getPublicKey())
        .getModulus().bitLength());
    validate(device.chain(), root);
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("RSA-1")),
        PeerIdentity.of(device.leaf()));
  }

  @Test
  void anRsaRootMaySignAnEcLeaf() throws Exception {
    TestPki pki = TestPki.create(KeyAlgorithm.RSA_2048, false);
    KeyPair ec = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    X509Certificate leaf = pki.issuer().issueSerialNumberCertificate(SerialNumber.of("M1"),
        ec.getPublic());
    assertEquals("SHA256withRSA", leaf.getSigAlgName());
    validate(List.of(leaf), pki.rootCertificate());
  }

  @Test
  void aLoadedCaIssuesCertificatesThatChainLikeTheOriginal() throws Exception {
    TestPki pki = TestPki.withFactoryCa();
    CertificateAuthority sub = pki.issuer();
    CertificateAuthority loaded = CertificateAuthority.of(sub.certificate(), sub.privateKey(),
        List.of(pki.rootCertificate()), Clock.systemUTC(), new SecureRandom());
    X509Certificate leaf = loaded.issueSerialNumberCertificate(SerialNumber.of("L1"),
        pki.newKeyPair().getPublic());
    validate(loaded.presentedChain(leaf), pki.rootCertificate());
    assertEquals(pki.rootCertificate(), loaded.root());
    CertificateAuthority root = CertificateAuthority.of(pki.rootCertificate(),
        pki.root().privateKey(), List.of(), Clock.systemUTC(), new SecureRandom());
    assertEquals(pki.rootCertificate(), root.root());
  }

  @Test
  void loadingRefusesACertificateThatIsNotACa() {
    TestPki pki = TestPki.create();
    Identity device = pki.serialNumberIdentity("N1");
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
        () -> CertificateAuthority.of(device.leaf(), device.privateKey(), List.of(),
            Clock.systemUTC(), new SecureRandom()));
    assertTrue(e.getMessage().contains("is not a CA certificate"), e.getMessage());
  }

  @Test
  void loadingRefusesAKeyThatDoesNotBelongToTheCertificate() {
    TestPki pki = TestPki.create();
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
        () -> CertificateAuthority.of(pki.rootCertificate(), pki.newKeyPair().getPrivate(),
            List.of(), Clock.systemUTC(), new SecureRandom()));
    assertTrue(e.getMessage().contains("the CA key does not belong to the CA certificate"),
        e.getMessage());
  }

  @Test
  void loadingRefusesAChainThatDoesNotLinkUp() {
    TestPki pki = TestPki.withFactoryCa();
    TestPki other = TestPki.create();
    CertificateAuthority sub = pki.issuer();
    assertThrows(SignatureException.class, () -> CertificateAuthority.of(sub.certificate(),
        sub.privateKey(), List.of(other.rootCertificate()), Clock.systemUTC(), new SecureRandom()),
        "issued by another root");
    assertThrows(SignatureException.class, () -> CertificateAuthority.of(sub.certificate(),
        sub.privateKey(), List.of(), Clock.systemUTC(), new SecureRandom()),
        "a sub-CA without its issuers is not a self-signed root");
    List<X509Certificate> tooLong = new ArrayList<>(List.of(pki.rootCertificate(),
        other.rootCertificate()));
    assertThrows(SignatureException.class, () -> CertificateAuthority.of(sub.certificate(),
        sub.privateKey(), tooLong, Clock.systemUTC(), new SecureRandom()),
        "a root above the root");
  }

  @Test
  void twoRootsWithTheSameNameAreStillDifferentCas() {
    X509Certificate a = TestPki.create().rootCertificate();
    X509Certificate b = TestPki.create().rootCertificate();
    assertEquals(a.getSubjectX500Principal(), b.getSubjectX500Principal());
    assertNotEquals(a.getPublicKey(), b.getPublicKey());
  }
}
