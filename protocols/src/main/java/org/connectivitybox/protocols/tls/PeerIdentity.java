package org.connectivitybox.protocols.tls;

import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who is on the other end of a verified TLS session, typed by the purpose of its certificate.
 *
 * <p>This is the only way the CSS learns a caller's serial number or CB ID: from the
 * certificate chain that TLS verified, never from a request body.
 */
public sealed interface PeerIdentity {

  /** The purpose of the certificate this identity came from. */
  CertificatePurpose purpose();

  /** A box in configuration, known by its factory serial number. */
  record SerialNumberIdentity(SerialNumber serial) implements PeerIdentity {
    @Override
    public CertificatePurpose purpose() {
      return CertificatePurpose.SERIAL_NUMBER;
    }
  }

  /** A configured box, known by its subscriber's CB ID. */
  record CbIdentity(CbId cbId) implements PeerIdentity {
    @Override
    public CertificatePurpose purpose() {
      return CertificatePurpose.CB;
    }
  }

  /** The CSS, known by its certificate's common name. */
  record CssIdentity(String name) implements PeerIdentity {
    @Override
    public CertificatePurpose purpose() {
      return CertificatePurpose.CSS_SERVER;
    }
  }

  /**
   * The identity of an end-entity certificate, which the caller must already have verified
   * against the root (as TLS does).
   *
   * @throws CertificateException if the certificate has no purpose of this system or its
   *     subject does not carry a well-formed identity for that purpose
   */
  static PeerIdentity of(X509Certificate leaf) throws CertificateException {
    CertificatePurpose purpose = CertificatePurpose.of(leaf).orElseThrow(() ->
        new CertificateException("certificate " + leaf.getSubjectX500Principal()
            + " is not an end-entity certificate of this system (no purpose policy)"));
    X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
    try {
      return switch (purpose) {
        case SERIAL_NUMBER -> new SerialNumberIdentity(DeviceCsr.serialOf(subject));
        case CB -> new CbIdentity(CbId.of(commonName(subject)));
        case CSS_SERVER -> new CssIdentity(commonName(subject));
      };
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new CertificateException("certificate " + leaf.getSubjectX500Principal()
          + " has a malformed identity: " + e.getMessage(), e);
    }
  }

  /**
   * The identity of the peer of a TLS session.
   *
   * @throws SSLPeerUnverifiedException if the peer presented no certificate
   * @throws CertificateException as {@link #of(X509Certificate)}
   */
  static PeerIdentity of(SSLSession session)
      throws SSLPeerUnverifiedException, CertificateException {
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new SSLPeerUnverifiedException("the peer presented no X.509 certificate");
    }
    return of(leaf);
  }

  private static String commonName(X500Name subject) throws GeneralSecurityException {
    RDN[] rdns = subject.getRDNs(BCStyle.CN);
    if (rdns.length != 1 || !(rdns[0].getFirst().getValue() instanceof ASN1String cn)) {
      throw new GeneralSecurityException("subject '" + subject + "' must have exactly one CN");
    }
    return cn.getString();
  }
}
