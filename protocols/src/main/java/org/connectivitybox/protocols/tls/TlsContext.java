package org.connectivitybox.protocols.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A mutual-TLS context of this system, made by {@link TlsContexts}: the JSSE {@link SSLContext}
 * together with the protocol versions and cipher suites that must be applied to every socket or
 * engine made from it. Immutable and safe for concurrent use.
 */
public final class TlsContext {
  private final SSLContext sslContext;
  private final X509ExtendedTrustManager trustManager;
  private final List<String> protocols;
  private final List<String> cipherSuites;

  TlsContext(SSLContext sslContext, X509ExtendedTrustManager trustManager,
      List<String> protocols, List<String> cipherSuites) {
    this.sslContext = sslContext;
    this.trustManager = trustManager;
    this.protocols = List.copyOf(protocols);
    this.cipherSuites = List.copyOf(cipherSuites);
  }

  /** The JSSE context (its own defaults are not restricted: apply the parameters below). */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** The trust manager (PKIX to the one root, then the purpose check), for HTTP clients. */
  public X509ExtendedTrustManager trustManager() {
    return trustManager;
  }

  /** Enabled protocol versions, most preferred first. */
  public List<String> protocols() {
    return protocols;
  }

  /** Enabled cipher suites, most preferred first. */
  public List<String> cipherSuites() {
    return cipherSuites;
  }

  /** Parameters for the client side of a handshake. */
  public SSLParameters clientParameters() {
    SSLParameters p = new SSLParameters(cipherSuites.toArray(String[]::new),
        protocols.toArray(String[]::new));
    p.setUseCipherSuitesOrder(true);
    return p;
  }

  /** Parameters for the server side of a handshake: the client must present a certificate. */
  public SSLParameters serverParameters() {
    SSLParameters p = clientParameters();
    p.setNeedClientAuth(true);
    return p;
  }

  /** A listening server socket with the server parameters applied. */
  public SSLServerSocket newServerSocket(InetAddress bindAddress, int port, int backlog)
      throws IOException {
    SSLServerSocket server = (SSLServerSocket) sslContext.getServerSocketFactory()
        .createServerSocket(port, backlog, bindAddress);
    server.setSSLParameters(serverParameters());
    return server;
  }

  /**
   * Layers a client TLS socket over an already connected socket (for example one bound to the
   * box's dynamic address, or one that counts bytes). The handshake starts on first use or on
   * {@link SSLSocket#startHandshake()}.
   */
  public SSLSocket clientOver(Socket connected, String peerHost, int peerPort) throws IOException {
    SSLSocket s = (SSLSocket) sslContext.getSocketFactory()
        .createSocket(connected, peerHost, peerPort, true);
    s.setUseClientMode(true);
    s.setSSLParameters(clientParameters());
    return s;
  }

  /** Connects a client TLS socket to {@code peer}. */
  public SSLSocket connect(InetSocketAddress peer, int connectTimeoutMillis) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(peer, connectTimeoutMillis);
      return clientOver(plain, peer.getHostString(), peer.getPort());
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }
}
