package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.testing.TestPki.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real JSSE handshakes on 127.0.0.1. Every blocking call has a timeout and every socket is
 * closed after each test, so a failure never hangs the build.
 */
@DisplayName("TlsContexts: mutual TLS between box and CSS")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsContextsTest {
  static final int IO_TIMEOUT_MILLIS = 5_000;

  private final TestPki pki = TestPki.create();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private LineServer serve(TlsContext context) throws IOException {
    LineServer server = new LineServer(context);
    toClose.add(server);
    return server;
  }

  private TlsContext client(Identity identity, CertificatePurpose... accepted) {
    return pki.tlsContext(identity, accepted);
  }

  /** Everything the messages of an exception and its causes say, to find the real reason. */
  static String reasons(Throwable t) {
    StringBuilder b = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      b.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" / ");
    }
    return b.toString();
  }

  /**
   * A TLS server on 127.0.0.1 that, for each connection in turn, completes the handshake, reads
   * one line and answers with the peer's identity; what happened is queued as an {@link Outcome}.
   */
  static final class LineServer implements AutoCloseable {
    private final SSLServerSocket socket;
    private final Thread thread;
    private final BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();

    /** One connection as the server saw it: a session, identity and line, or a failure. */
    record Outcome(SSLSession session, PeerIdentity peer, String line, Exception failure) {}

    LineServer(TlsContext context) throws IOException {
      socket = context.newServerSocket(InetAddress.getLoopbackAddress(), 0, 10);
      thread = new Thread(this::acceptLoop, "tls-line-server");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    InetSocketAddress address() {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try (SSLSocket s = (SSLSocket) socket.accept()) {
          s.setSoTimeout(IO_TIMEOUT_MILLIS);
          try {
            s.startHandshake();
            SSLSession session = s.getSession();
            PeerIdentity peer = PeerIdentity.of(session);
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(),
                StandardCharsets.UTF_8)).readLine();
            OutputStream out = s.getOutputStream();
            out.write(("hello " + peer + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            outcomes.add(new Outcome(session, peer, line, null));
          } catch (Exception e) {
            outcomes.add(new Outcome(null, null, null, e));
          }
        } catch (IOException e) {
          return; // the server socket was closed
        }
      }
    }

    /** The next connection's outcome, waiting at most the I/O timeout. */
    Outcome next() throws InterruptedException {
      Outcome o = outcomes.poll(IO_TIMEOUT_MILLIS * 2L, TimeUnit.MILLISECONDS);
      assertNotNull(o, "the server saw no connection");
      return o;
    }

    /** The next outcome, which must be a handshake that the server refused. */
    String nextRefusal() throws InterruptedException {
      Outcome o = next();
      assertNull(o.line(), "no application data may pass");
      assertNotNull(o.failure(), "the server must refuse the handshake");
      assertTrue(o.failure() instanceof SSLException, reasons(o.failure()));
      return reasons(o.failure());
    }

    @Override
    public void close() throws IOException {
      socket.close();
      try {
        thread.join(IO_TIMEOUT_MILLIS * 2L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertFalse(thread.isAlive(), "the server thread did not stop");
    }
  }

  /** What a client saw of one exchange. */
  record Exchange(SSLSession session, String reply) {}

  /** Connects, handshakes, sends one line and reads the answer. */
  static Exchange exchange(TlsContext client, InetSocketAddress server) throws IOException {
    try (SSLSocket s = client.connect(server, IO_TIMEOUT_MILLIS)) {
      s.setSoTimeout(IO_TIMEOUT_MILLIS);
      s.startHandshake();
      s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      String reply = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      return new Exchange(s.getSession(), reply);
    }
  }

  /**
   * An exchange that the server refuses. In TLS 1.3 the client finishes its side of the handshake
   * before the server has checked the client's certificate, so the refusal reaches the client as
   * an alert on its first read (or as a reset connection), never as a reply.
   */
  static void assertRefusedByServer(TlsContext client, InetSocketAddress server) {
    try {
      Exchange e = exchange(client, server);
      assertNull(e.reply(), "the server answered a client it should have refused");
    } catch (SSLException | SocketException expected) {
      // the alert, or the connection the server reset after sending it
    } catch (IOException e) {
      throw new AssertionError("unexpected failure: " + reasons(e), e);
    }
  }

  @Test
  void aBoxWithItsSerialNumberCertificateIsAcceptedAndKnownByItsSerial() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Identity box = pki.serialNumberIdentity("CB-0001");
    Exchange e = exchange(client(box, CertificatePurpose.CSS_SERVER), server.address());
    LineServer.Outcome seen = server.next();
    assertNull(seen.failure(), () -> reasons(seen.failure()));
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("CB-0001")), seen.peer());
    assertEquals("ping", seen.line());
    assertEquals("hello SerialNumberIdentity[serial=CB-0001]", e.reply());
    assertEquals(new PeerIdentity.CssIdentity(TestPki.CSS_NAME), PeerIdentity.of(e.session()));
  }

  @Test
  void theNegotiatedProtocolIsTls13WithAnAeadSuite() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Exchange e = exchange(client(pki.serialNumberIdentity("A1"), CertificatePurpose.CSS_SERVER),
        server.address());
    assertEquals("TLSv1.3", e.session().getProtocol());
    assertEquals("TLS_AES_128_GCM_SHA256", e.session().getCipherSuite(), "the first preference");
    assertEquals("TLSv1.3", server.next().session().getProtocol());
  }

  @Test
  void aTls12OnlyClientGetsAnEcdheAeadSuite() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Identity box = pki.serialNumberIdentity("A1");
    TlsContext tls12 = TlsContexts.builder().identity(box.privateKey(), box.chain())
        .trustAnchor(pki.rootCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER)
        .protocols("TLSv1.2").build();
    Exchange e = exchange(tls12, server.address());
    assertEquals("TLSv1.2", e.session().getProtocol());
    assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", e.session().getCipherSuite());
    assertEquals("hello SerialNumberIdentity[serial=A1]", e.reply());
  }

  @Test
  void rsaIdentitiesUseEcdheRsaInTls12AndWorkInTls13() throws Exception {
    TestPki rsa = TestPki.create(KeyAlgorithm.RSA_2048, true);
    LineServer server = serve(rsa.tlsContext(rsa.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Identity box = rsa.serialNumberIdentity("R1");
    Exchange e13 = exchange(rsa.tlsContext(box, CertificatePurpose.CSS_SERVER), server.address());
    assertEquals("TLSv1.3", e13.session().getProtocol());
    TlsContext tls12 = TlsContexts.builder().identity(box.privateKey(), box.chain())
        .trustAnchor(rsa.rootCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER)
        .protocols("TLSv1.2").build();
    Exchange e12 = exchange(tls12, server.address());
    assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", e12.session().getCipherSuite());
    assertEquals("hello SerialNumberIdentity[serial=R1]", e12.reply());
  }

  @Test
  void identitiesIssuedByAFactorySubCaPresentTheirChain() throws Exception {
    TestPki factory = TestPki.withFactoryCa();
    LineServer server = serve(factory.tlsContext(factory.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Exchange e = exchange(factory.tlsContext(factory.serialNumberIdentity("F1"),
        CertificatePurpose.CSS_SERVER), server.address());
    assertEquals("hello SerialNumberIdentity[serial=F1]", e.reply());
    assertEquals(2, server.next().session().getPeerCertificates().length, "leaf and sub-CA");
  }

  @Test
  void aClientCertificateFromAForeignCaIsRefused() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    TestPki foreign = TestPki.create();
    Identity impostor = foreign.serialNumberIdentity("CB-0001");
    TlsContext client = TlsContexts.builder().identity(impostor.privateKey(), impostor.chain())
        .trustAnchor(pki.rootCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER).build();
    assertRefusedByServer(client, server.address());
    String why = server.nextRefusal();
    assertTrue(why.contains("PKIX path"), why);
  }

  @Test
  void aCbCertificateIsRefusedWhereOnlySerialNumbersAreAccepted() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Identity cb = pki.cbIdentity("cb-1", pki.newKeyPair());
    assertRefusedByServer(client(cb, CertificatePurpose.CSS_SERVER), server.address());
    String why = server.nextRefusal();
    assertTrue(why.contains("is a CB certificate; accepted here: [SERIAL_NUMBER]"), why);
  }

  @Test
  void aClientWithoutCertificateIsRefused() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    roots.setCertificateEntry("root", pki.rootCertificate());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(roots);
    SSLContext anonymous = SSLContext.getInstance("TLS");
    anonymous.init(null, tmf.getTrustManagers(), null);
    try (SSLSocket s = (SSLSocket) anonymous.getSocketFactory().createSocket()) {
      s.connect(server.address(), IO_TIMEOUT_MILLIS);
      s.setSoTimeout(IO_TIMEOUT_MILLIS);
      assertThrows(IOException.class, () -> {
        s.startHandshake();
        s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        if (s.getInputStream().read() < 0) {
          throw new IOException("closed without an answer");
        }
      });
    }
    server.nextRefusal();
  }

  @Test
  void aClientAcceptingOnlyTheCssRefusesAServerPresentingACbCertificate() throws Exception {
    // Another box pretending to be the CSS: a valid certificate of the right root, wrong purpose.
    LineServer server = serve(pki.tlsContext(pki.cbIdentity("cb-evil", pki.newKeyPair()),
        CertificatePurpose.SERIAL_NUMBER, CertificatePurpose.CB));
    TlsContext box = client(pki.serialNumberIdentity("A1"), CertificatePurpose.CSS_SERVER);
    try (SSLSocket s = box.connect(server.address(), IO_TIMEOUT_MILLIS)) {
      s.setSoTimeout(IO_TIMEOUT_MILLIS);
      SSLHandshakeException e = assertThrows(SSLHandshakeException.class, s::startHandshake);
      assertTrue(reasons(e).contains("is a CB certificate; accepted here: [CSS_SERVER]"),
          reasons(e));
    }
    assertNotNull(server.next().failure(), "the server saw the client's alert");
  }

  @Test
  void aServerOfAForeignPkiIsRefusedByTheClient() throws Exception {
    TestPki foreign = TestPki.create();
    LineServer server = serve(foreign.tlsContext(foreign.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    TlsContext box = client(pki.serialNumberIdentity("A1"), CertificatePurpose.CSS_SERVER);
    IOException e = assertThrows(IOException.class, () -> exchange(box, server.address()));
    assertTrue(reasons(e).contains("PKIX path"), reasons(e));
    assertNotNull(server.next().failure());
  }

  @Test
  void aTls13SessionIsResumedByTheSameClientContext() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Identity box = pki.serialNumberIdentity("A1");
    TlsContext client = client(box, CertificatePurpose.CSS_SERVER);
    Exchange first = exchange(client, server.address());
    LineServer.Outcome firstSeen = server.next();
    Thread.sleep(20); // so that a full handshake would get a later creation time
    Exchange second = exchange(client, server.address());
    LineServer.Outcome secondSeen = server.next();

    // JSSE's TLS 1.3 resumption (a PSK from the server's NewSessionTicket) makes a new session
    // with a new ID on each side, but one that carries the resumed session's creation time.
    assertEquals("TLSv1.3", second.session().getProtocol());
    assertEquals(first.session().getCreationTime(), second.session().getCreationTime(),
        "client session was resumed");
    assertEquals(firstSeen.session().getCreationTime(), secondSeen.session().getCreationTime(),
        "server session was resumed");
    assertFalse(java.util.Arrays.equals(first.session().getId(), second.session().getId()));
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("A1")), secondSeen.peer(),
        "a resumed session still knows the peer");

    // A new client context has nothing to resume: a full handshake, a new creation time.
    Exchange fresh = exchange(client(box, CertificatePurpose.CSS_SERVER), server.address());
    server.next();
    assertNotEquals(first.session().getCreationTime(), fresh.session().getCreationTime());
  }

  @Test
  void aTls12SessionIsResumedWithTheSameSessionId() throws Exception {
    LineServer server = serve(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    Identity box = pki.serialNumberIdentity("A1");
    TlsContext client = TlsContexts.builder().identity(box.privateKey(), box.chain())
        .trustAnchor(pki.rootCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER)
        .protocols("TLSv1.2").build();
    Exchange first = exchange(client, server.address());
    LineServer.Outcome firstSeen = server.next();
    Exchange second = exchange(client, server.address());
    LineServer.Outcome secondSeen = server.next();

    // TLS 1.2 resumption by session ID (the server keeps a cache, it issues no tickets).
    assertEquals("TLSv1.2", second.session().getProtocol());
    assertArrayEquals(first.session().getId(), second.session().getId());
    assertArrayEquals(firstSeen.session().getId(), secondSeen.session().getId());
    assertArrayEquals(first.session().getId(), firstSeen.session().getId());
    assertEquals(first.session().getCreationTime(), second.session().getCreationTime());
    assertEquals(32, first.session().getId().length, "a server-assigned session ID");
  }

  @Test
  void theServerKeepsSessionsInItsOwnCacheInsteadOfTickets() {
    TlsContexts.builder(); // loading the class sets the property (the name alone is a constant)
    assertEquals("false", System.getProperty(TlsContexts.SERVER_TICKET_PROPERTY));
  }

  @Test
  void theContextOffersTls13And12WithAeadSuitesOnly() {
    TlsContext c = client(pki.serialNumberIdentity("A1"), CertificatePurpose.CSS_SERVER);
    assertEquals(List.of("TLSv1.3", "TLSv1.2"), c.protocols());
    assertFalse(c.cipherSuites().isEmpty());
    for (String suite : c.cipherSuites()) {
      assertTrue(suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"), suite);
      assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
          || suite.startsWith("TLS_ECDHE_"), "forward secrecy: " + suite);
    }
    assertTrue(c.serverParameters().getNeedClientAuth());
    assertFalse(c.clientParameters().getNeedClientAuth());
    assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, c.clientParameters().getProtocols());
  }

  @Test
  void theBuilderRequiresAnIdentity() {
    assertEquals("an identity (key and certificate chain) is required", assertThrows(
        IllegalStateException.class, () -> TlsContexts.builder().trustAnchor(pki.rootCertificate())
            .acceptPeers(CertificatePurpose.CB).build()).getMessage());
    Identity box = pki.serialNumberIdentity("A1");
    assertEquals("an identity (key and certificate chain) is required", assertThrows(
        IllegalStateException.class, () -> TlsContexts.builder()
            .identity(box.privateKey(), List.of()).trustAnchor(pki.rootCertificate())
            .acceptPeers(CertificatePurpose.CB).build()).getMessage());
  }

  @Test
  void theBuilderRequiresATrustAnchor() {
    Identity box = pki.serialNumberIdentity("A1");
    assertEquals("a trust anchor (the Root CA certificate) is required", assertThrows(
        IllegalStateException.class, () -> TlsContexts.builder()
            .identity(box.privateKey(), box.chain()).acceptPeers(CertificatePurpose.CB).build())
        .getMessage());
  }

  @Test
  void theBuilderRequiresAcceptedPurposes() {
    Identity box = pki.serialNumberIdentity("A1");
    assertEquals("at least one accepted peer purpose is required", assertThrows(
        IllegalStateException.class, () -> TlsContexts.builder()
            .identity(box.privateKey(), box.chain()).trustAnchor(pki.rootCertificate())
            .acceptPeers().build()).getMessage());
  }

  @Test
  void theBuilderRefusesAKeyThatIsNotTheCertificates() {
    Identity box = pki.serialNumberIdentity("A1");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> TlsContexts.builder()
        .identity(pki.newKeyPair().getPrivate(), box.chain()).trustAnchor(pki.rootCertificate())
        .acceptPeers(CertificatePurpose.CSS_SERVER).build());
    assertTrue(e.getMessage().startsWith("the private key does not belong to the certificate"),
        e.getMessage());
  }

  @Test
  void theBuilderRefusesBadSettings() {
    TlsContexts.Builder b = TlsContexts.builder();
    assertThrows(IllegalArgumentException.class, () -> b.protocols("TLSv1.1"));
    assertThrows(IllegalArgumentException.class, () -> b.protocols());
    assertThrows(IllegalArgumentException.class, () -> b.sessionCacheSize(-1));
    assertThrows(IllegalArgumentException.class, () -> b.sessionLifetime(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.sessionLifetime(Duration.ofSeconds(-1)));
  }
}
