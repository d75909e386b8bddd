package org.connectivitybox.benchmarks;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * A throw-away PKI shaped like the product's: an EC P-256 Root CA (the CSS), the CSS's server
 * certificate, and one configured box with its CB certificate. Both sides present a chain of one
 * certificate (the leaf; the root is never sent), as in operation.
 */
final class BenchPki {
  private final CertificateAuthority root;
  private final KeyPair cssKeys;
  private final X509Certificate cssCertificate;
  private final KeyPair boxKeys;
  private final X509Certificate cbCertificate;

  private BenchPki(CertificateAuthority root, KeyPair cssKeys, X509Certificate cssCertificate,
      KeyPair boxKeys, X509Certificate cbCertificate) {
    this.root = root;
    this.cssKeys = cssKeys;
    this.cssCertificate = cssCertificate;
    this.boxKeys = boxKeys;
    this.cbCertificate = cbCertificate;
  }

  static BenchPki create() {
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();
    CertificateAuthority root = CertificateAuthority.createRoot(
        "Connectivity Box Root CA", KeyAlgorithm.EC_P256, clock, random);
    KeyPair css = KeyAlgorithm.EC_P256.generate(random);
    X509Certificate cssCert = root.issueCssServerCertificate("css.connectivitybox.example",
        List.of("css.connectivitybox.example", "localhost", "127.0.0.1"), css.getPublic(),
        CertificatePurpose.CSS_SERVER.defaultValidity());
    KeyPair box = KeyAlgorithm.EC_P256.generate(random);
    X509Certificate cb = root.issueCbCertificate(CbId.of("CB-0000123456"), box.getPublic(),
        CertificatePurpose.CB.defaultValidity());
    return new BenchPki(root, css, cssCert, box, cb);
  }

  /** The CSS side: accepts configured boxes. */
  TlsContext cssContext(List<String> protocols) {
    return TlsContexts.builder()
        .identity(cssKeys.getPrivate(), root.presentedChain(cssCertificate))
        .trustAnchor(root.root())
        .acceptPeers(CertificatePurpose.CB)
        .protocols(protocols.toArray(String[]::new))
        .sessionLifetime(Duration.ofHours(24))
        .build();
  }

  /** The box side: accepts only the CSS. Every call gives a new, empty client session cache. */
  TlsContext boxContext(List<String> protocols) {
    return TlsContexts.builder()
        .identity(boxKeys.getPrivate(), root.presentedChain(cbCertificate))
        .trustAnchor(root.root())
        .acceptPeers(CertificatePurpose.CSS_SERVER)
        .protocols(protocols.toArray(String[]::new))
        .build();
  }

  /**
   * A further configured box, {@code cbId}, with a CB certificate of the same root, accepting only
   * CB peers: one side of a box-to-box data transfer.
   */
  TlsContext peerBoxContext(String cbId) {
    KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    X509Certificate cb = root.issueCbCertificate(CbId.of(cbId), keys.getPublic(),
        CertificatePurpose.CB.defaultValidity());
    return TlsContexts.builder()
        .identity(keys.getPrivate(), root.presentedChain(cb))
        .trustAnchor(root.root())
        .acceptPeers(CertificatePurpose.CB)
        .build();
  }

  /** Encoded sizes of the certificates each side sends in a full handshake. */
  int cssChainBytes() {
    return encodedSize(cssCertificate);
  }

  int boxChainBytes() {
    return encodedSize(cbCertificate);
  }

  private static int encodedSize(X509Certificate c) {
    try {
      return c.getEncoded().length;
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
