package org.connectivitybox.protocols.tls;

import java.security.KeyPair;
import java.security.PublicKey;
import java.security.GeneralSecurityException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The certificate request of the "key made on the device" flow: the box makes its key pair and a
 * PKCS#10 request naming its serial number; the factory checks the request and has it signed.
 */
public final class DeviceCsr {
  private DeviceCsr() {}

  /** Makes the request for {@code serial}, signed with the device's own private key. */
  public static PKCS10CertificationRequest create(SerialNumber serial, KeyPair keys) {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.SERIALNUMBER, serial.value())
        .addRDN(BCStyle.CN, serial.value())
        .build();
    try {
      return new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
          .build(new JcaContentSignerBuilder(
              KeyAlgorithm.of(keys.getPrivate()).signatureAlgorithm()).build(keys.getPrivate()));
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate request", e);
    }
  }

  /** What a checked request asks for: a certificate binding this serial to this key. */
  public record Checked(SerialNumber serial, PublicKey publicKey) {}

  /**
   * Checks a request: its signature must verify with the public key it carries (proof that the
   * requester holds the private key), and its subject must name exactly one well-formed serial
   * number.
   *
   * @throws GeneralSecurityException with a precise message if any check fails
   */
  public static Checked check(PKCS10CertificationRequest request)
      throws GeneralSecurityException {
    JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request);
    PublicKey key = jca.getPublicKey();
    try {
      KeyAlgorithm.of(key);
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException("the request is for a key type this PKI does not "
          + "certify: " + e.getMessage(), e);
    }
    try {
      if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new GeneralSecurityException(
            "the request's signature does not verify with its own public key (no proof of possession)");
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new GeneralSecurityException("the request's signature cannot be checked: "
          + e.getMessage(), e);
    }
    return new Checked(serialOf(request.getSubject()), key);
  }

  /** The serial number in a subject name ({@code serialNumber} attribute), checked for format. */
  static SerialNumber serialOf(X500Name subject) throws GeneralSecurityException {
    RDN[] rdns = subject.getRDNs(BCStyle.SERIALNUMBER);
    if (rdns.length != 1) {
      throw new GeneralSecurityException("the subject '" + subject
          + "' must name exactly one serialNumber, it names " + rdns.length);
    }
    ASN1Encodable value = rdns[0].getFirst().getValue();
    if (!(value instanceof ASN1String text)) {
      throw new GeneralSecurityException("the serialNumber in '" + subject + "' is not a string");
    }
    try {
      return SerialNumber.of(text.getString());
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }
}
