package org.connectivitybox.firmware.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import okhttp3.Call;
import okhttp3.EventListener;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.DisconnectResponse;
import org.connectivitybox.protocols.connection.SequenceCheckRequest;
import org.connectivitybox.protocols.connection.SequenceCheckResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The box's client against the real CSS on loopback.
 *
 * <pre>
 *   CssClient (cb-alice)                          CSS
 *    |== TCP + TLS (CB certificate) ==============|   one connection for the whole conversation
 *    |-- CONNECT {firmware: 2, port 4443} ------->|
 *    |<- GRANTED {firmware: 3} -------------------|
 *    |-- sequence-number check {firmware: 3} ---->|
 *    |<- {} --------------------------------------|
 *    |-- DISCONNECT ----------------------------->|
 *    |<- DISCONNECTED ----------------------------|
 *    |-- DISCONNECT ----------------------------->|
 *    |<- 409 NOT_CONNECTED -----------------------|
 * </pre>
 */
class CssClientTest {
  static final CbId ALICE = CbId.of("cb-alice");

  Path data;
  Css css;

  @BeforeEach
  void start() throws Exception {
    data = Files.createTempDirectory("css-client-test");
    css = Css.start(new Css.Settings(data, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null), Clock.systemUTC());
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(ALICE, "Alice",
        new TelephoneNumber("5550101"), ZoneId.of("UTC")));
    for (int i = 0; i < 3; i++) {
      css.repositories().subscribers().nextSequenceNumber(ALICE, Task.FIRMWARE.wireName());
    }
  }

  @AfterEach
  void stop() throws Exception {
    css.close();
    try (var files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  TlsContext box(CertificateAuthority trusted) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var cert = css.folder().ca().issueCbCertificate(ALICE, pair.getPublic(), Duration.ofDays(30));
    return TlsContexts.builder().identity(pair.getPrivate(), List.of(cert))
        .trustAnchor(trusted.certificate()).acceptPeers(CertificatePurpose.CSS_SERVER).build();
  }

  CssClient client(int port, TlsContext tls, EventListener events) {
    return CssClient.create(URI.create("https://127.0.0.1:" + port), tls, Duration.ofSeconds(10),
        events);
  }

  static <R> R answered(Outcome<R> o) {
    if (o instanceof Outcome.Answered<R> a) {
      return a.response();
    }
    return fail("not answered: " + o);
  }

  @Test
  void connectCheckAndDisconnectShareOneTlsConnection() {
    AtomicInteger connections = new AtomicInteger();
    AtomicInteger handshakes = new AtomicInteger();
    EventListener counting = new EventListener() {
      @Override
      public void connectStart(Call call, InetSocketAddress address, java.net.Proxy proxy) {
        connections.incrementAndGet();
      }

      @Override
      public void secureConnectStart(Call call) {
        handshakes.incrementAndGet();
      }
    };
    try (CssClient client = client(css.operationalPort(), box(css.folder().ca()), counting)) {
      ConnectResponse granted = answered(client.connect(new ConnectRequest(
          SequenceNumbers.of(Task.FIRMWARE, 2L), 4443)));
      assertTrue(granted.granted());
      assertEquals(SequenceNumbers.of(Task.FIRMWARE, 3L), granted.mismatched());
      assertEquals(4443, css.repositories().connections().find(ALICE).orElseThrow()
          .dataTransferPort());

      SequenceCheckResponse check = answered(client.checkSequenceNumbers(
          new SequenceCheckRequest(SequenceNumbers.of(Task.FIRMWARE, 3L))));
      assertEquals(SequenceNumbers.NONE, check.mismatched());

      DisconnectResponse gone = answered(client.disconnect(
          new DisconnectRequest(SequenceNumbers.NONE)));
      assertTrue(gone.confirmed());
      assertEquals("CLOSED", css.repositories().connections().find(ALICE).orElseThrow().state());

      Outcome<DisconnectResponse> again =
          client.disconnect(new DisconnectRequest(SequenceNumbers.NONE));
      assertEquals(new Outcome.Rejected<DisconnectResponse>(409, "NOT_CONNECTED",
          "DISCONNECT from cb-alice without a granted CONNECT"), again);
    }
    assertEquals(1, connections.get(), "TCP connections");
    assertEquals(1, handshakes.get(), "TLS handshakes");
  }

  @Test
  void aRevokedSubscriberIsRejectedWithTheFiltersCode() {
    css.repositories().subscribers().setStatus(ALICE, SubscriberStatus.REVOKED);
    try (CssClient client = client(css.operationalPort(), box(css.folder().ca()),
        EventListener.NONE)) {
      Outcome<ConnectResponse> o =
          client.connect(new ConnectRequest(SequenceNumbers.NONE, 4443));
      Outcome.Rejected<?> r = assertInstanceOf(Outcome.Rejected.class, o);
      assertEquals(403, r.status());
      assertEquals("SUBSCRIBER_REVOKED", r.code());
    }
  }

  @Test
  void aCssTheBoxDoesNotTrustIsATransportFailure() {
    CertificateAuthority other = CertificateAuthority.createRoot("Other Root CA",
        KeyAlgorithm.EC_P256, Clock.systemUTC(), new SecureRandom());
    try (CssClient client = client(css.operationalPort(), box(other), EventListener.NONE)) {
      Outcome<ConnectResponse> o =
          client.connect(new ConnectRequest(SequenceNumbers.NONE, 4443));
      assertInstanceOf(javax.net.ssl.SSLException.class,
          assertInstanceOf(Outcome.Failed.class, o).cause());
    }
    assertTrue(css.repositories().connections().find(ALICE).isEmpty());
  }

  @Test
  void nobodyListeningIsATransportFailure() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (CssClient client = client(closedPort, box(css.folder().ca()), EventListener.NONE)) {
      Outcome<ConnectResponse> o =
          client.connect(new ConnectRequest(SequenceNumbers.NONE, 4443));
      assertInstanceOf(java.net.ConnectException.class,
          assertInstanceOf(Outcome.Failed.class, o).cause());
    }
  }

  @Test
  void theGivenSocketFactoryMakesTheConnectionAndItsSourceAddressIsTheBoxsAddress()
      throws Exception {
    InetAddress source = InetAddress.getByName("127.0.0.2");
    AtomicInteger made = new AtomicInteger();
    SocketFactory bound = new SocketFactory() {
      @Override
      public Socket createSocket() throws java.io.IOException {
        made.incrementAndGet();
        Socket s = new Socket();
        s.bind(new InetSocketAddress(source, 0));
        return s;
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException("OkHttp asks for unconnected sockets");
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("OkHttp asks for unconnected sockets");
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException("OkHttp asks for unconnected sockets");
      }

      @Override
      public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException("OkHttp asks for unconnected sockets");
      }
    };
    try (CssClient client = CssClient.create(
        URI.create("https://127.0.0.1:" + css.operationalPort()), box(css.folder().ca()),
        Duration.ofSeconds(10), EventListener.NONE, bound)) {
      assertTrue(answered(client.connect(new ConnectRequest(SequenceNumbers.NONE, 4443)))
          .granted());
      answered(client.checkSequenceNumbers(new SequenceCheckRequest(SequenceNumbers.NONE)));
    }
    assertEquals(1, made.get());
    assertEquals("127.0.0.2", css.repositories().connections().find(ALICE).orElseThrow()
        .address());
  }
}
