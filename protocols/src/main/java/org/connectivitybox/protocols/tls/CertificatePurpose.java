package org.connectivitybox.protocols.tls;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;

/**
 * What an end-entity certificate of this PKI is for, written into it as a certificate-policy OID.
 *
 * <p>The OIDs live under {@code 2.25.54031406297905816536923642561194512160} (a UUID-based arc,
 * ITU-T X.667, which needs no registration). A certificate with none of them, or with more than
 * one, has no purpose here and is refused wherever a purpose is required.
 */
public enum CertificatePurpose {
  /**
   * Binds a box's public key to its factory serial number. Accepted only by the configuration
   * service; serves as TLS client and as TLS server (the box serves HTTPS in Phase II).
   */
  SERIAL_NUMBER("1", Duration.ofDays(25 * 366)),
  /**
   * Binds the same public key to the subscriber's CB ID; the box's identity in normal operation,
   * as TLS client towards the CSS and as client or server towards another box.
   */
  CB("2", Duration.ofDays(2 * 366)),
  /** The CSS's own certificate: TLS server for boxes, TLS client towards a box in Phase II. */
  CSS_SERVER("3", Duration.ofDays(2 * 366));

  /** The arc under which every purpose OID of this system sits. */
  public static final String ARC = "2.25.54031406297905816536923642561194512160";

  private final ASN1ObjectIdentifier oid;
  private final Duration defaultValidity;

  CertificatePurpose(String leaf, Duration defaultValidity) {
    this.oid = new ASN1ObjectIdentifier(ARC + ".1." + leaf);
    this.defaultValidity = defaultValidity;
  }

  /** The policy OID that marks a certificate of this purpose. */
  public ASN1ObjectIdentifier oid() {
    return oid;
  }

  /** How long a certificate of this purpose is valid unless the issuer says otherwise. */
  public Duration defaultValidity() {
    return defaultValidity;
  }

  /**
   * The purpose of an end-entity certificate: present only if the certificate is not a CA and
   * carries exactly one of this system's purpose OIDs.
   */
  public static Optional<CertificatePurpose> of(X509Certificate certificate) {
    if (certificate.getBasicConstraints() != -1) {
      return Optional.empty();
    }
    byte[] ext = certificate.getExtensionValue("2.5.29.32");
    if (ext == null) {
      return Optional.empty();
    }
    CertificatePurpose found = null;
    try {
      CertificatePolicies policies =
          CertificatePolicies.getInstance(ASN1OctetString.getInstance(ext).getOctets());
      for (PolicyInformation info : policies.getPolicyInformation()) {
        for (CertificatePurpose p : values()) {
          if (p.oid.equals(info.getPolicyIdentifier())) {
            if (found != null && found != p) {
              return Optional.empty();
            }
            found = p;
          }
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(found);
  }
}
