package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.connectivitybox.protocols.testing.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("DeviceCsr")
class DeviceCsrTest {
  private final TestPki pki = TestPki.create();

  /** A request for {@code subject} carrying {@code carried}'s public key, signed by {@code signer}. */
  private static PKCS10CertificationRequest request(String subject, KeyPair carried,
      KeyPair signer) throws Exception {
    return new PKCS10CertificationRequestBuilder(new X500Name(BCStyle.INSTANCE, subject),
        SubjectPublicKeyInfo.getInstance(carried.getPublic().getEncoded()))
        .build(new JcaContentSignerBuilder(
            KeyAlgorithm.of(signer.getPrivate()).signatureAlgorithm()).build(signer.getPrivate()));
  }

  private static String refusal(PKCS10CertificationRequest csr) {
    return assertThrows(GeneralSecurityException.class, () -> DeviceCsr.check(csr)).getMessage();
  }

  @ParameterizedTest(name = "a {0} request checks out with its serial and key")
  @EnumSource(KeyAlgorithm.class)
  void aRequestMadeOnTheDeviceChecksOut(KeyAlgorithm algorithm) throws Exception {
    KeyPair keys = TestPki.create(algorithm, false).newKeyPair();
    PKCS10CertificationRequest csr = DeviceCsr.create(SerialNumber.of("CB-123"), keys);
    DeviceCsr.Checked checked = DeviceCsr.check(csr);
    assertEquals(SerialNumber.of("CB-123"), checked.serial());
    assertEquals(keys.getPublic(), checked.publicKey());
  }

  @Test
  void aRequestSurvivesPemAndChecksOut() throws Exception {
    KeyPair keys = pki.newKeyPair();
    String pem = Pem.certificateRequest(DeviceCsr.create(SerialNumber.of("P-1"), keys));
    DeviceCsr.Checked checked = DeviceCsr.check(Pem.readCertificateRequest(pem, "device.csr"));
    assertEquals(SerialNumber.of("P-1"), checked.serial());
  }

  @Test
  void aRequestSignedWithAnotherKeyThanItCarriesIsRefused() throws Exception {
    String message = refusal(request("SERIALNUMBER=S1,CN=S1", pki.newKeyPair(), pki.newKeyPair()));
    assertTrue(message.contains("does not verify with its own public key (no proof of possession)"),
        message);
  }

  @Test
  void aRequestWhoseSubjectWasChangedAfterSigningIsRefused() throws Exception {
    PKCS10CertificationRequest good = DeviceCsr.create(SerialNumber.of("S1"), pki.newKeyPair());
    CertificationRequest asn1 = good.toASN1Structure();
    CertificationRequestInfo info = asn1.getCertificationRequestInfo();
    CertificationRequestInfo forged = new CertificationRequestInfo(
        new X500Name(BCStyle.INSTANCE, "SERIALNUMBER=S2,CN=S2"), info.getSubjectPublicKeyInfo(),
        info.getAttributes());
    String message = refusal(new PKCS10CertificationRequest(new CertificationRequest(forged,
        asn1.getSignatureAlgorithm(), asn1.getSignature())));
    assertTrue(message.contains("no proof of possession"), message);
  }

  @Test
  void aRequestWithAFlippedSignatureBitIsRefused() throws Exception {
    PKCS10CertificationRequest good = DeviceCsr.create(SerialNumber.of("S1"), pki.newKeyPair());
    CertificationRequest asn1 = good.toASN1Structure();
    byte[] signature = asn1.getSignature().getBytes();
    for (int at = 0; at < signature.length; at++) {
      byte[] tampered = signature.clone();
      tampered[at] ^= 0x01;
      PKCS10CertificationRequest bad = new PKCS10CertificationRequest(new CertificationRequest(
          asn1.getCertificationRequestInfo(), asn1.getSignatureAlgorithm(),
          new DERBitString(tampered)));
      // A flip in the DER framing of the ECDSA signature makes it unparsable rather than wrong:
      // either way the request must be refused with a checked exception.
      assertThrows(GeneralSecurityException.class, () -> DeviceCsr.check(bad),
          "signature byte " + at);
    }
  }

  @Test
  void aRequestWithoutSerialNumberIsRefused() throws Exception {
    KeyPair keys = pki.newKeyPair();
    String message = refusal(request("CN=S1", keys, keys));
    assertTrue(message.contains("must name exactly one serialNumber, it names 0"), message);
  }

  @Test
  void aRequestWithTwoSerialNumbersIsRefused() throws Exception {
    KeyPair keys = pki.newKeyPair();
    String message = refusal(request("SERIALNUMBER=S1,SERIALNUMBER=S2,CN=S1", keys, keys));
    assertTrue(message.contains("must name exactly one serialNumber, it names 2"), message);
  }

  @Test
  void aRequestWithAMalformedSerialIsRefused() throws Exception {
    KeyPair keys = pki.newKeyPair();
    String message = refusal(request("SERIALNUMBER=S 1/x,CN=S1", keys, keys));
    assertTrue(message.startsWith("malformed serial number 'S 1/x'"), message);
  }

  @Test
  void aRequestForAKeyTypeThisPkiDoesNotIssueIsRefused() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    PKCS10CertificationRequest csr = new PKCS10CertificationRequestBuilder(
        new X500Name(BCStyle.INSTANCE, "SERIALNUMBER=E1,CN=E1"),
        SubjectPublicKeyInfo.getInstance(ed.getPublic().getEncoded()))
        .build(new JcaContentSignerBuilder("Ed25519").build(ed.getPrivate()));
    assertThrows(GeneralSecurityException.class, () -> DeviceCsr.check(csr));
  }
}
