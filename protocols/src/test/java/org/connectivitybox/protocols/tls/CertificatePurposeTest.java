package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.connectivitybox.protocols.testing.TestPki;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CertificatePurpose")
class CertificatePurposeTest {
  private static final ASN1ObjectIdentifier FOREIGN_POLICY = new ASN1ObjectIdentifier("2.23.140.1.2.1");

  private final TestPki pki = TestPki.withFactoryCa();
  private final PublicKey key = pki.newKeyPair().getPublic();

  @Test
  void theOidsAreDistinctAndUnderTheSystemsArc() {
    for (CertificatePurpose p : CertificatePurpose.values()) {
      assertTrue(p.oid().getId().startsWith(CertificatePurpose.ARC + ".1."), p.oid().getId());
    }
    assertNotEquals(CertificatePurpose.CB.oid(), CertificatePurpose.SERIAL_NUMBER.oid());
    assertNotEquals(CertificatePurpose.CB.oid(), CertificatePurpose.CSS_SERVER.oid());
    assertNotEquals(CertificatePurpose.SERIAL_NUMBER.oid(), CertificatePurpose.CSS_SERVER.oid());
  }

  @Test
  void defaultValiditiesAreTwentyFiveAndTwoYears() {
    assertEquals(Duration.ofDays(25 * 366), CertificatePurpose.SERIAL_NUMBER.defaultValidity());
    assertEquals(Duration.ofDays(2 * 366), CertificatePurpose.CB.defaultValidity());
  }

  @Test
  void eachIssuedCertificateHasItsPurpose() {
    assertEquals(Optional.of(CertificatePurpose.SERIAL_NUMBER),
        CertificatePurpose.of(pki.serialNumberIdentity("P1").leaf()));
    assertEquals(Optional.of(CertificatePurpose.CB),
        CertificatePurpose.of(pki.cbIdentity("cb-1", pki.newKeyPair()).leaf()));
    assertEquals(Optional.of(CertificatePurpose.CSS_SERVER),
        CertificatePurpose.of(pki.cssServerIdentity().leaf()));
  }

  @Test
  void caCertificatesHaveNoPurpose() {
    assertEquals(Optional.empty(), CertificatePurpose.of(pki.rootCertificate()));
    assertEquals(Optional.empty(), CertificatePurpose.of(pki.issuer().certificate()));
  }

  @Test
  void aCaCertificateCarryingAPurposePolicyStillHasNoPurpose() {
    assertEquals(Optional.empty(), CertificatePurpose.of(pki.customCertificate("CN=ca", key, true,
        CertificatePurpose.CSS_SERVER.oid())));
  }

  @Test
  void aCertificateWithoutPoliciesHasNoPurpose() {
    assertEquals(Optional.empty(), CertificatePurpose.of(pki.customCertificate("CN=plain", key,
        false)));
  }

  @Test
  void aCertificateWithOnlyAForeignPolicyHasNoPurpose() {
    assertEquals(Optional.empty(), CertificatePurpose.of(pki.customCertificate("CN=web", key,
        false, FOREIGN_POLICY)));
  }

  @Test
  void aCertificateWithTwoPurposesHasNone() {
    assertEquals(Optional.empty(), CertificatePurpose.of(pki.customCertificate(
        "SERIALNUMBER=A1,CN=A1", key, false, CertificatePurpose.SERIAL_NUMBER.oid(),
        CertificatePurpose.CB.oid())));
  }

  @Test
  void aForeignPolicyBesideOurPurposeIsIgnored() {
    assertEquals(Optional.of(CertificatePurpose.CB), CertificatePurpose.of(pki.customCertificate(
        "CN=cb-1", key, false, FOREIGN_POLICY, CertificatePurpose.CB.oid())));
  }
}
