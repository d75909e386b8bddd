package org.connectivitybox.protocols.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A trust manager that runs the JDK's PKIX checks against the one trusted root and then refuses a
 * peer whose end-entity certificate is not of an accepted {@link CertificatePurpose} — for
 * example a serial-number certificate on an operational URL, or a box's certificate where the
 * CSS is expected. The refusal happens inside the handshake, so the peer sees a TLS alert
 * ({@code certificate_unknown}) and no application byte is exchanged.
 */
final class PurposeTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager pkix;
  private final Set<CertificatePurpose> accepted;

  PurposeTrustManager(X509ExtendedTrustManager pkix, Set<CertificatePurpose> accepted) {
    this.pkix = pkix;
    this.accepted = accepted.isEmpty()
        ? EnumSet.noneOf(CertificatePurpose.class) : EnumSet.copyOf(accepted);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, socket);
    checkPurpose(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType, engine);
    checkPurpose(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkClientTrusted(chain, authType);
    checkPurpose(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType, socket);
    checkPurpose(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType, engine);
    checkPurpose(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    pkix.checkServerTrusted(chain, authType);
    checkPurpose(chain);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }

  private void checkPurpose(X509Certificate[] chain) throws CertificateException {
    CertificatePurpose purpose = CertificatePurpose.of(chain[0]).orElseThrow(() ->
        new CertificateException("peer certificate " + chain[0].getSubjectX500Principal()
            + " carries no purpose of this system"));
    if (!accepted.contains(purpose)) {
      throw new CertificateException("peer certificate " + chain[0].getSubjectX500Principal()
          + " is a " + purpose + " certificate; accepted here: " + accepted);
    }
    PeerIdentity.of(chain[0]); // its subject must carry a well-formed identity
  }
}
