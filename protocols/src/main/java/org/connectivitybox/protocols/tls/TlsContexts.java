package org.connectivitybox.protocols.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds the mutual-TLS contexts of box and CSS.
 *
 * <p>Every context presents one identity (key and certificate chain), trusts exactly one root,
 * and accepts only peers whose certificate has one of the given purposes. Protocols are TLS 1.3
 * and TLS 1.2; cipher suites are AEAD with forward secrecy only (no CBC, no static RSA key
 * exchange).
 *
 * <p>Session resumption: a server keeps resumable sessions in its own cache (default 4096
 * sessions, 24 hours) instead of handing the client a stateless ticket. With mutual TLS, JDK 17's
 * stateless ticket is about 1.4 KB (it carries both sides' certificates); the server sends a new
 * one after every handshake and the client sends it back in every resumption, so a resumed
 * TLS 1.3 handshake with tickets costs about 3.5 KB on the wire, more than a full handshake with
 * the cache (about 2.4 KB), while a resumed one with the cache costs about 1 KB (measured by
 * {@code tools/benchmarks/bench tls-bytes}, figures in {@code docs/benchmarks.md}). This is the
 * JVM-wide system property {@value #SERVER_TICKET_PROPERTY}{@code =false}, set when this class is
 * loaded unless the process set it already. JSSE reads it each time an {@code SSLContext} is
 * created (measured), so it applies to every context built here, but not to a server context made
 * elsewhere before this class was loaded.
 */
public final class TlsContexts {
  /** The JSSE property that makes a server issue stateless session tickets. */
  public static final String SERVER_TICKET_PROPERTY = "jdk.tls.server.enableSessionTicketExtension";

  /** TLS versions offered, most preferred first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** Cipher suites offered, most preferred first: AEAD with ephemeral key exchange only. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  static {
    if (System.getProperty(SERVER_TICKET_PROPERTY) == null) {
      System.setProperty(SERVER_TICKET_PROPERTY, "false");
    }
  }

  private TlsContexts() {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builder of a {@link TlsContext}. Defaults: protocols {@link #PROTOCOLS}, suites {@link
   * #CIPHER_SUITES}, session cache 4096 sessions, session lifetime 24 hours. An identity and a
   * trust anchor are required, and at least one accepted peer purpose.
   */
  public static final class Builder {
    private PrivateKey key;
    private List<X509Certificate> chain;
    private X509Certificate trustAnchor;
    private final Set<CertificatePurpose> accepted = EnumSet.noneOf(CertificatePurpose.class);
    private List<String> protocols = PROTOCOLS;
    private int sessionCacheSize = 4096;
    private Duration sessionLifetime = Duration.ofHours(24);

    private Builder() {}

    /** The key and certificate chain (leaf first, root omitted) this side presents. */
    public Builder identity(PrivateKey key, List<X509Certificate> chain) {
      this.key = Objects.requireNonNull(key, "key");
      this.chain = List.copyOf(chain);
      return this;
    }

    /** The one root this side trusts. */
    public Builder trustAnchor(X509Certificate root) {
      this.trustAnchor = Objects.requireNonNull(root, "root");
      return this;
    }

    /** Purposes a peer's certificate may have; any other peer is refused in the handshake. */
    public Builder acceptPeers(CertificatePurpose... purposes) {
      accepted.addAll(Arrays.asList(purposes));
      return this;
    }

    /** Restricts protocol versions (a subset of {@link #PROTOCOLS}), for measurements. */
    public Builder protocols(String... versions) {
      List<String> list = List.of(versions);
      if (list.isEmpty() || !PROTOCOLS.containsAll(list)) {
        throw new IllegalArgumentException("protocols must be a subset of " + PROTOCOLS + ": " + list);
      }
      this.protocols = list;
      return this;
    }

    /** How many resumable sessions each side keeps (0: unlimited). */
    public Builder sessionCacheSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException("session cache size must be >= 0: " + size);
      }
      this.sessionCacheSize = size;
      return this;
    }

    /** How long a session stays resumable. */
    public Builder sessionLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero() || lifetime.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("session lifetime out of range: " + lifetime);
      }
      this.sessionLifetime = lifetime;
      return this;
    }

    /**
     * Builds the context.
     *
     * @throws IllegalStateException if identity, trust anchor or accepted purposes are missing,
     *     or the key does not belong to the leaf certificate
     */
    public TlsContext build() {
      if (key == null || chain == null || chain.isEmpty()) {
        throw new IllegalStateException("an identity (key and certificate chain) is required");
      }
      if (trustAnchor == null) {
        throw new IllegalStateException("a trust anchor (the Root CA certificate) is required");
      }
      if (accepted.isEmpty()) {
        throw new IllegalStateException("at least one accepted peer purpose is required");
      }
      if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
        throw new IllegalStateException("the private key does not belong to the certificate "
            + chain.get(0).getSubjectX500Principal());
      }
      try {
        char[] none = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("identity", key, none, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(keys, none);

        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        roots.setCertificateEntry("root", trustAnchor);
        PKIXBuilderParameters pkix = new PKIXBuilderParameters(roots, new X509CertSelector());
        pkix.setRevocationEnabled(false); // revocation is the CSS's subscriber status, checked per request
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(pkix));
        X509ExtendedTrustManager pkixTm = null;
        for (TrustManager tm : tmf.getTrustManagers()) {
          if (tm instanceof X509ExtendedTrustManager x) {
            pkixTm = x;
          }
        }
        if (pkixTm == null) {
          throw new IllegalStateException("the JDK offers no X509ExtendedTrustManager");
        }
        PurposeTrustManager trust = new PurposeTrustManager(pkixTm, accepted);

        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {trust}, null);
        for (var sessions : List.of(ctx.getServerSessionContext(), ctx.getClientSessionContext())) {
          sessions.setSessionCacheSize(sessionCacheSize);
          sessions.setSessionTimeout((int) sessionLifetime.toSeconds());
        }
        List<String> suites = new ArrayList<>(CIPHER_SUITES);
        suites.retainAll(Arrays.asList(ctx.getSupportedSSLParameters().getCipherSuites()));
        return new TlsContext(ctx, trust, protocols, suites);
      } catch (GeneralSecurityException | java.io.IOException e) {
        throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
      }
    }
  }
}
