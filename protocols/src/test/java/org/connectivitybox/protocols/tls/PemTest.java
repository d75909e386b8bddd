package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.connectivitybox.protocols.testing.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("Pem")
class PemTest {
  private static final char[] PASSWORD = "correct horse battery".toCharArray();

  private final TestPki pki = TestPki.withFactoryCa();

  private static String message(ThrowingRead read) {
    return assertThrows(PemException.class, read::run).getMessage();
  }

  private interface ThrowingRead {
    void run() throws Exception;
  }

  @Test
  void aCertificateRoundTrips() throws Exception {
    X509Certificate cert = pki.serialNumberIdentity("R1").leaf();
    String pem = Pem.certificate(cert);
    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
    assertEquals(cert, Pem.readCertificate(pem, "leaf.pem"));
  }

  @Test
  void aChainRoundTripsInOrder() throws Exception {
    List<X509Certificate> chain = List.of(pki.serialNumberIdentity("R1").leaf(),
        pki.issuer().certificate(), pki.rootCertificate());
    assertEquals(chain, Pem.readCertificates(Pem.certificates(chain), "chain.pem"));
  }

  @Test
  void readingOneCertificateRefusesAChain() {
    String pem = Pem.certificates(List.of(pki.issuer().certificate(), pki.rootCertificate()));
    assertEquals("chain.pem: expected one certificate, found 2",
        message(() -> Pem.readCertificate(pem, "chain.pem")));
  }

  @ParameterizedTest(name = "a {0} private key round-trips")
  @EnumSource(KeyAlgorithm.class)
  void aPrivateKeyRoundTrips(KeyAlgorithm algorithm) throws Exception {
    KeyPair keys = algorithm.generate(new SecureRandom());
    String pem = Pem.privateKey(keys.getPrivate());
    assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), pem);
    PrivateKey back = Pem.readPrivateKey(pem, null, "device.key");
    assertArrayEquals(keys.getPrivate().getEncoded(), back.getEncoded());
    assertTrue(KeyMatch.matches(back, keys.getPublic()));
  }

  @ParameterizedTest(name = "an encrypted {0} private key round-trips with the right password")
  @EnumSource(KeyAlgorithm.class)
  void anEncryptedPrivateKeyRoundTrips(KeyAlgorithm algorithm) throws Exception {
    KeyPair keys = algorithm.generate(new SecureRandom());
    String pem = Pem.encryptedPrivateKey(keys.getPrivate(), PASSWORD);
    assertTrue(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"), pem);
    PrivateKey back = Pem.readPrivateKey(pem, PASSWORD.clone(), "ca.key");
    assertArrayEquals(keys.getPrivate().getEncoded(), back.getEncoded());
  }

  @Test
  void aWrongPasswordIsReportedAsSuch() {
    String pem = Pem.encryptedPrivateKey(pki.newKeyPair().getPrivate(), PASSWORD);
    assertEquals("ca.key: wrong password for the private key",
        message(() -> Pem.readPrivateKey(pem, "wrong".toCharArray(), "ca.key")));
  }

  @Test
  void anEncryptedKeyWithoutPasswordIsRefused() {
    String pem = Pem.encryptedPrivateKey(pki.newKeyPair().getPrivate(), PASSWORD);
    assertEquals("ca.key: the private key is encrypted and no password was given",
        message(() -> Pem.readPrivateKey(pem, null, "ca.key")));
  }

  @Test
  void theSameKeyEncryptsDifferentlyEachTime() {
    PrivateKey key = pki.newKeyPair().getPrivate();
    assertFalse(Pem.encryptedPrivateKey(key, PASSWORD).equals(
        Pem.encryptedPrivateKey(key, PASSWORD)), "salt and IV are random");
  }

  @Test
  void aPublicKeyRoundTrips() throws Exception {
    KeyPair keys = pki.newKeyPair();
    String pem = Pem.publicKey(keys.getPublic());
    assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"), pem);
    assertEquals(keys.getPublic(), Pem.readPublicKey(pem, "device.pub"));
  }

  @Test
  void aCertificateRequestRoundTrips() throws Exception {
    PKCS10CertificationRequest csr = DeviceCsr.create(SerialNumber.of("Q1"), pki.newKeyPair());
    String pem = Pem.certificateRequest(csr);
    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----"), pem);
    assertEquals(csr, Pem.readCertificateRequest(pem, "device.csr"));
  }

  @Test
  void emptyTextIsRefused() {
    assertEquals("empty.pem: no PEM block in it", message(() -> Pem.readCertificate("", "empty.pem")));
    assertEquals("empty.pem: no PEM block in it",
        message(() -> Pem.readPrivateKey("", null, "empty.pem")));
  }

  @Test
  void textWithoutPemBlocksIsRefused() {
    assertEquals("notes.txt: no PEM block in it",
        message(() -> Pem.readCertificates("just some words\nand more\n", "notes.txt")));
  }

  @Test
  void garbageInsideAPemBlockIsRefused() {
    String pem = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
    assertTrue(message(() -> Pem.readCertificate(pem, "bad.pem")).startsWith("bad.pem: not valid PEM: "));
  }

  @Test
  void anUnterminatedPemBlockIsRefused() {
    String pem = Pem.certificate(pki.rootCertificate());
    String cut = pem.substring(0, pem.indexOf("-----END"));
    assertTrue(message(() -> Pem.readCertificate(cut, "cut.pem")).startsWith("cut.pem: not valid PEM: "));
  }

  @Test
  void aCertificateWhereAKeyIsExpectedIsRefusedNamingWhatWasFound() {
    String pem = Pem.certificate(pki.rootCertificate());
    assertEquals("device.key: expected a private key, found a certificate",
        message(() -> Pem.readPrivateKey(pem, null, "device.key")));
    assertEquals("device.pub: expected one public key",
        message(() -> Pem.readPublicKey(pem, "device.pub")));
    assertEquals("device.csr: expected one certificate request (CSR)",
        message(() -> Pem.readCertificateRequest(pem, "device.csr")));
  }

  @Test
  void aKeyWhereACertificateIsExpectedIsRefusedNamingWhatWasFound() {
    KeyPair keys = pki.newKeyPair();
    assertEquals("root.pem: expected certificates, found a private key",
        message(() -> Pem.readCertificates(Pem.privateKey(keys.getPrivate()), "root.pem")));
    assertEquals("root.pem: expected certificates, found a public key",
        message(() -> Pem.readCertificates(Pem.publicKey(keys.getPublic()), "root.pem")));
    String chainThenKey = Pem.certificate(pki.rootCertificate()) + Pem.privateKey(keys.getPrivate());
    assertEquals("root.pem: expected certificates, found a private key",
        message(() -> Pem.readCertificates(chainThenKey, "root.pem")));
  }

  @Test
  void aPublicKeyWhereAPrivateKeyIsExpectedIsRefused() {
    assertEquals("device.key: expected a private key, found a public key", message(
        () -> Pem.readPrivateKey(Pem.publicKey(pki.newKeyPair().getPublic()), null, "device.key")));
  }

  @Test
  void twoKeysWhereOneIsExpectedAreRefused() {
    String two = Pem.privateKey(pki.newKeyPair().getPrivate())
        + Pem.privateKey(pki.newKeyPair().getPrivate());
    assertEquals("device.key: expected one private key, found 2 PEM blocks",
        message(() -> Pem.readPrivateKey(two, null, "device.key")));
  }

  @Test
  void traditionalOpensslEcKeysAreReadWithOrWithoutTheirPublicHalf() throws Exception {
    KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    for (boolean withPublic : new boolean[] {true, false}) {
      String pem = traditionalEcKey(keys, withPublic);
      assertTrue(pem.startsWith("-----BEGIN EC PRIVATE KEY-----"), pem);
      PrivateKey back = Pem.readPrivateKey(pem, null, "legacy.key");
      assertTrue(KeyMatch.matches(back, keys.getPublic()), "with public key: " + withPublic);
    }
  }

  @Test
  void aTraditionalOpensslRsaKeyIsRead() throws Exception {
    KeyPair keys = KeyAlgorithm.RSA_2048.generate(new SecureRandom());
    byte[] pkcs1 = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded()).parsePrivateKey()
        .toASN1Primitive().getEncoded();
    String pem = pem(new PemObject("RSA PRIVATE KEY", pkcs1));
    PrivateKey back = Pem.readPrivateKey(pem, null, "legacy.key");
    assertTrue(KeyMatch.matches(back, keys.getPublic()));
  }

  /** The SEC 1 form that {@code openssl ecparam -genkey} writes: "EC PRIVATE KEY". */
  private static String traditionalEcKey(KeyPair keys, boolean withPublic) throws Exception {
    ECPrivateKey priv = (ECPrivateKey) keys.getPrivate();
    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
    ASN1Encodable curve = spki.getAlgorithm().getParameters();
    org.bouncycastle.asn1.sec.ECPrivateKey sec1 = withPublic
        ? new org.bouncycastle.asn1.sec.ECPrivateKey(256, priv.getS(), spki.getPublicKeyData(), curve)
        : new org.bouncycastle.asn1.sec.ECPrivateKey(256, priv.getS(), curve);
    return pem(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
  }

  private static String pem(PemObject o) throws Exception {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }
}
