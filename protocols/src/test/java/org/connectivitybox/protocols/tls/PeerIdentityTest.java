package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.security.cert.CertificateException;
import org.connectivitybox.protocols.testing.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PeerIdentity from a certificate")
class PeerIdentityTest {
  private final TestPki pki = TestPki.create();
  private final PublicKey key = pki.newKeyPair().getPublic();

  @Test
  void aSerialNumberCertificateGivesTheSerial() throws Exception {
    PeerIdentity id = PeerIdentity.of(pki.serialNumberIdentity("SN-77").leaf());
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("SN-77")), id);
    assertEquals(CertificatePurpose.SERIAL_NUMBER, id.purpose());
  }

  @Test
  void aCbCertificateGivesTheCbId() throws Exception {
    PeerIdentity id = PeerIdentity.of(pki.cbIdentity("cb.0815", pki.newKeyPair()).leaf());
    assertEquals(new PeerIdentity.CbIdentity(CbId.of("cb.0815")), id);
    assertEquals(CertificatePurpose.CB, id.purpose());
  }

  @Test
  void aCssCertificateGivesItsName() throws Exception {
    PeerIdentity id = PeerIdentity.of(pki.cssServerIdentity().leaf());
    assertEquals(new PeerIdentity.CssIdentity(TestPki.CSS_NAME), id);
    assertEquals(CertificatePurpose.CSS_SERVER, id.purpose());
  }

  @Test
  void theSerialComesFromTheSerialNumberAttributeNotTheCommonName() throws Exception {
    PeerIdentity id = PeerIdentity.of(pki.customCertificate("SERIALNUMBER=REAL-1,CN=FAKE-2", key,
        false, CertificatePurpose.SERIAL_NUMBER.oid()));
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("REAL-1")), id);
  }

  @Test
  void aCertificateWithoutPurposeIsRefused() {
    CertificateException e = assertThrows(CertificateException.class,
        () -> PeerIdentity.of(pki.customCertificate("SERIALNUMBER=A1,CN=A1", key, false)));
    assertTrue(e.getMessage().contains("is not an end-entity certificate of this system"),
        e.getMessage());
  }

  @Test
  void aCaCertificateIsRefused() {
    assertThrows(CertificateException.class, () -> PeerIdentity.of(pki.rootCertificate()));
  }

  @Test
  void aSerialNumberCertificateWithoutSerialIsRefused() {
    CertificateException e = assertThrows(CertificateException.class, () -> PeerIdentity.of(
        pki.customCertificate("CN=A1", key, false, CertificatePurpose.SERIAL_NUMBER.oid())));
    assertTrue(e.getMessage().contains("has a malformed identity"), e.getMessage());
    assertTrue(e.getMessage().contains("must name exactly one serialNumber, it names 0"),
        e.getMessage());
  }

  @Test
  void aSerialNumberCertificateWithAMalformedSerialIsRefused() {
    CertificateException e = assertThrows(CertificateException.class, () -> PeerIdentity.of(
        pki.customCertificate("SERIALNUMBER=-bad,CN=x", key, false,
            CertificatePurpose.SERIAL_NUMBER.oid())));
    assertTrue(e.getMessage().contains("malformed serial number '-bad'"), e.getMessage());
  }

  @Test
  void aCbCertificateWithAMalformedCbIdIsRefused() {
    CertificateException e = assertThrows(CertificateException.class, () -> PeerIdentity.of(
        pki.customCertificate("CN=cb 1", key, false, CertificatePurpose.CB.oid())));
    assertTrue(e.getMessage().contains("malformed CB ID 'cb 1'"), e.getMessage());
  }

  @Test
  void aCbCertificateWithTwoCommonNamesIsRefused() {
    CertificateException e = assertThrows(CertificateException.class, () -> PeerIdentity.of(
        pki.customCertificate("CN=cb-1,CN=cb-2", key, false, CertificatePurpose.CB.oid())));
    assertTrue(e.getMessage().contains("must have exactly one CN"), e.getMessage());
  }
}
