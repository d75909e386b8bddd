package org.connectivitybox.css.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.connectivitybox.css.connectivity.ConnectivityManager;
import org.connectivitybox.css.radius.ConfigurationLogin;
import org.connectivitybox.css.store.AddressBooks;
import org.connectivitybox.css.store.ConfigurationRecord;
import org.connectivitybox.css.store.ConfigurationState;
import org.connectivitybox.css.store.Database;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.NapPasswordHash;
import org.connectivitybox.css.store.Registration;
import org.connectivitybox.css.store.Registrations;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.store.TestDatabases;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.css.wakeup.WakeupCall;
import org.connectivitybox.css.wakeup.WakeupResult;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The configuration manager against a test box ({@link TestBox}) that implements the Phase II
 * contract, with the real database, the real connection manager and a recording CBSS.
 *
 * <pre>
 *  RADIUS (the test)      manager                        TestBox 127.0.0.2        CBSS   ConnectivityManager
 *   started(serial, X) ──▶ TLS: CSS cert ⇄ serial cert ──▶
 *                          PUT /v1/configuration ────────▶ decode, 204
 *                          DOWNLOADED; wake ──────────────────────────────────▶ call
 *                                                          CONNECT (the test) ───────────────▶ granted
 *                          CONFIGURED ◀──────────────────────────────────────────────────── listener
 * </pre>
 */
class ConfigurationManagerTest {
  static final SerialNumber SERIAL = SerialNumber.of("CB0000042");
  static final String DOMAIN = "nasp.cb.example";

  final Clock clock = Clock.systemUTC();
  Database db;
  Repositories store;
  CertificateAuthority ca;
  Recording cbss;
  ConnectivityManager connectivity;
  ConfigurationManager manager;
  TestBox box;

  @BeforeEach
  void setUp() throws Exception {
    db = Database.embedded(TestDatabases.h2Folder());
    store = Repositories.over(db, clock);
    ca = CertificateAuthority.createRoot("Test Root", KeyAlgorithm.EC_P256, clock,
        new SecureRandom());
    cbss = new Recording();
    connectivity = new ConnectivityManager(store.connections(), clock);
    String hash = "0f".repeat(32);
    store.serials().importRows(List.of(new LegitimateSerial(SERIAL, SERIAL + "@config",
        hash, hash, Instant.parse("2051-01-01T00:00:00Z"), "test.csv", null)));
  }

  @AfterEach
  void tearDown() {
    if (manager != null) {
      manager.close();
    }
    if (box != null) {
      box.close();
    }
    db.close();
  }

  /** Starts the manager against a box on {@code port}, with a Phase III timeout. */
  void startManager(int port, Duration phase3) {
    KeyPair cssKeys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    X509Certificate cssCert = ca.issueCssServerCertificate("css", List.of("127.0.0.1"),
        cssKeys.getPublic(), Duration.ofDays(30));
    var clientTls = TlsContexts.builder().identity(cssKeys.getPrivate(),
        ca.presentedChain(cssCert)).trustAnchor(ca.root())
        .acceptPeers(CertificatePurpose.SERIAL_NUMBER).build();
    ConfigurationSettings settings = ConfigurationSettings.of(
        org.connectivitybox.protocols.pstn.TelephoneNumber.of("5550300"), null,
        Set.of("08005550100"), 2).withPhase2Port(port).withTimes(phase3, Duration.ofSeconds(5));
    manager = new ConfigurationManager(store, ca, clientTls, cbss, settings,
        new ServiceAddress("css.example", 8443), DOMAIN, clock);
    connectivity.afterGrantedConnect(manager::connected);
  }

  CbId register() {
    CbId cbId = Registrations.newCbId();
    SubscriberRecord s = SubscriberRecord.newSubscriber(cbId, "jo-home",
        new TelephoneNumber("+3225550123"), ZoneId.of("Europe/Brussels")).withSerialNumber(SERIAL);
    store.registrations().register(new Registration(s, "Jo Smith", "1 Rue Haute",
        "{\"plan\":\"basic\"}", "Jo at home", List.of(new AddressBooks.Entry("alice", "Alice"))));
    return cbId;
  }

  void login() throws Exception {
    manager.started(new ConfigurationLogin(SERIAL, InetAddress.getByName(TestBox.HOST), "nas-1",
        "session-1"));
  }

  ConfigurationRecord awaitState(CbId cbId, ConfigurationState state) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    ConfigurationRecord r;
    do {
      r = store.registrations().configuration(cbId).orElseThrow();
      if (r.state() == state) {
        return r;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < until);
    throw new AssertionError("state " + r.state() + " (" + r.error() + " " + r.detail()
        + "), expected " + state);
  }

  @Test
  void aRegisteredBoxGetsItsParametersIsWokenAndIsConfiguredAtItsConnect() throws Exception {
    CbId cbId = register();
    box = new TestBox(ca, SERIAL, null);
    startManager(box.port(), Duration.ofSeconds(30));
    login();
    awaitState(cbId, ConfigurationState.DOWNLOADED);

    assertEquals(1, box.received.size());
    assertEquals("application/json; charset=utf-8", box.contentTypes.get(0));
    Parameters191 p = box.received.get(0);
    assertEquals(cbId, p.cbId());
    assertEquals("jo-home", p.cbName().value());
    assertEquals("Jo at home", p.friendlyName());
    assertTrue(p.certifies(box.keys.getPublic()), "the CB certificate carries the box's key");
    X509Certificate leaf = p.cbCertificate().get(0);
    assertEquals(CertificatePurpose.CB, PeerIdentity.of(leaf).purpose());
    PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca.root(), null)));
    pkix.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
        .generateCertPath(p.cbCertificate()), pkix);
    assertTrue(leaf.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(700))));
    assertEquals("5550300", p.localNapNumber().value());
    assertEquals(cbId.value() + "@" + DOMAIN, p.localNapUserName());
    assertTrue(NapPasswordHash.matches(p.localNapPassword().toCharArray(),
        store.subscribers().napCredential(cbId).orElseThrow().passwordHash()),
        "the downloaded NAP password is the subscriber's");
    assertEquals("css.example:8443", p.css().toString());
    assertEquals(OperationalTimeouts.DEFAULTS, p.timeouts());
    assertEquals(Set.of("08005550100"), p.wakeup().cssCallerIds());
    assertEquals(2, p.wakeup().ringLimit());

    // Phase III: the box is woken at its telephone number, then CONNECTs with its CB certificate.
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (cbss.calls().isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(cbId, cbss.calls().get(0).cbId());
    assertEquals("+3225550123", cbss.calls().get(0).number().value());
    ConnectResponse granted = connectivity.connect(cbId, InetAddress.getByName(TestBox.HOST),
        new ConnectRequest(SequenceNumbers.of(Task.ADDRESS_BOOK, 0L), 4443)); // a new box: 0
    assertTrue(granted.granted());
    assertEquals(1L, granted.mismatched().get(Task.ADDRESS_BOOK).orElseThrow(),
        "the first CONNECT asks for an address-book synchronisation");
    ConfigurationRecord done = awaitState(cbId, ConfigurationState.CONFIGURED);
    assertEquals(null, done.error());
  }

  @Test
  void aSerialCertificateOfAnotherSerialIsASerialMismatchAndNothingIsSent() throws Exception {
    CbId cbId = register();
    box = new TestBox(ca, SerialNumber.of("CB0000043"), null);
    startManager(box.port(), Duration.ofSeconds(30));
    login();
    ConfigurationRecord r = awaitState(cbId, ConfigurationState.FAILED);
    assertEquals("SERIAL_MISMATCH", r.error());
    assertTrue(r.detail().contains("CB0000043"), r.detail());
    assertTrue(box.received.isEmpty());
    assertTrue(cbss.calls().isEmpty());
  }

  @Test
  void aBoxThatNeverCallsBackIsRecordedCallbackTimedOut() throws Exception {
    CbId cbId = register();
    box = new TestBox(ca, SERIAL, null);
    startManager(box.port(), Duration.ofMillis(300));
    login();
    ConfigurationRecord r = awaitState(cbId, ConfigurationState.FAILED);
    assertEquals("CALLBACK_TIMED_OUT", r.error());
    assertEquals(1, box.received.size());
    // A CONNECT after the timeout does not rewrite the recorded failure.
    connectivity.connect(cbId, InetAddress.getByName(TestBox.HOST),
        new ConnectRequest(SequenceNumbers.NONE, 4443));
    assertEquals(ConfigurationState.FAILED,
        store.registrations().configuration(cbId).orElseThrow().state());
  }

  @Test
  void aBoxThatRefusesTheParametersIsRecordedWithItsError() throws Exception {
    CbId cbId = register();
    box = new TestBox(ca, SERIAL, "STORE_FAILED");
    startManager(box.port(), Duration.ofSeconds(30));
    login();
    ConfigurationRecord r = awaitState(cbId, ConfigurationState.FAILED);
    assertEquals("STORE_FAILED", r.error());
    assertTrue(r.detail().contains("400"), r.detail());
    assertTrue(cbss.calls().isEmpty());
  }

  @Test
  void anUnregisteredSerialRecordsNothingAndABoxNotServingIsUnreachable() throws Exception {
    startManager(1, Duration.ofSeconds(30)); // nothing listens on port 1
    login(); // no subscriber has the serial: only a log line
    CbId cbId = register();
    manager.close();
    manager = null;
    KeyPair cssKeys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    X509Certificate cssCert = ca.issueCssServerCertificate("css", List.of("127.0.0.1"),
        cssKeys.getPublic(), Duration.ofDays(30));
    var clientTls = TlsContexts.builder().identity(cssKeys.getPrivate(),
        ca.presentedChain(cssCert)).trustAnchor(ca.root())
        .acceptPeers(CertificatePurpose.SERIAL_NUMBER).build();
    manager = new ConfigurationManager(store, ca, clientTls, cbss, ConfigurationSettings.of(
        org.connectivitybox.protocols.pstn.TelephoneNumber.of("5550300"), null, Set.of(), 2)
        .withPhase2Port(1).withTimes(Duration.ofSeconds(30), Duration.ofMillis(2500)),
        new ServiceAddress("css.example", 8443), DOMAIN, clock);
    assertEquals(ConfigurationState.REGISTERED,
        store.registrations().configuration(cbId).orElseThrow().state());
    login();
    ConfigurationRecord r = awaitState(cbId, ConfigurationState.FAILED);
    assertEquals("BOX_UNREACHABLE", r.error());
  }

  /** The admin API's bump: the configuration number up by {@code by}, the row RECONFIGURING. */
  long bump(CbId cbId, int by) {
    long n = store.subscribers().advanceSequenceNumber(cbId, Task.CONFIGURATION.wireName(), by);
    store.registrations().set(cbId, ConfigurationState.RECONFIGURING, null, "test");
    return n;
  }

  @Test
  void aBoxBumpedByTwoGetsNewParametersPutWhileOnLineAndIsConfiguredWithoutAWakeup()
      throws Exception {
    CbId cbId = register();
    store.registrations().set(cbId, ConfigurationState.CONFIGURED, null, null);
    box = new TestBox(ca, SERIAL, null);
    startManager(box.port(), Duration.ofSeconds(30));
    assertEquals(2, bump(cbId, 2));

    ConnectResponse granted = connectivity.connect(cbId, InetAddress.getByName(TestBox.HOST),
        new ConnectRequest(SequenceNumbers.of(Task.CONFIGURATION, 0L), 4443));
    assertEquals(2L, granted.mismatched().get(Task.CONFIGURATION).orElseThrow());
    awaitState(cbId, ConfigurationState.CONFIGURED);
    assertEquals(1, box.received.size(), "fresh parameters 191 PUT to the CONNECT's address");
    assertEquals(cbId, box.received.get(0).cbId());
    assertTrue(NapPasswordHash.matches(box.received.get(0).localNapPassword().toCharArray(),
        store.subscribers().napCredential(cbId).orElseThrow().passwordHash()));
    assertTrue(cbss.calls().isEmpty(), "on line already: no Phase III wakeup");

    // The box's next CONNECT, with the CSS's number, leaves it alone.
    connectivity.connect(cbId, InetAddress.getByName(TestBox.HOST),
        new ConnectRequest(SequenceNumbers.of(Task.CONFIGURATION, 2L), 4443));
    Thread.sleep(300);
    assertEquals(1, box.received.size());
  }

  @Test
  void aBoxBumpedByOneIsNotPutToAtItsConnectButAtItsConfigurationLogin() throws Exception {
    CbId cbId = register();
    store.registrations().set(cbId, ConfigurationState.CONFIGURED, null, null);
    box = new TestBox(ca, SERIAL, null);
    startManager(box.port(), Duration.ofSeconds(30));
    assertEquals(1, bump(cbId, 1));
    connectivity.connect(cbId, InetAddress.getByName(TestBox.HOST),
        new ConnectRequest(SequenceNumbers.of(Task.CONFIGURATION, 0L), 4443));
    Thread.sleep(500);
    assertTrue(box.received.isEmpty());
    assertEquals(ConfigurationState.RECONFIGURING,
        store.registrations().configuration(cbId).orElseThrow().state());

    // The box hangs up and dials the configuration NAP: Phase II as for a new box, Phase III.
    login();
    awaitState(cbId, ConfigurationState.DOWNLOADED);
    assertEquals(1, box.received.size());
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (cbss.calls().isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertEquals(cbId, cbss.calls().get(0).cbId());
    connectivity.connect(cbId, InetAddress.getByName(TestBox.HOST),
        new ConnectRequest(SequenceNumbers.of(Task.CONFIGURATION, 1L), 4443));
    awaitState(cbId, ConfigurationState.CONFIGURED);
  }

  /** A CBSS that records each wakeup and answers placed at once. */
  static final class Recording implements CallbackSignallingServer {
    private final List<WakeupCall> calls = new ArrayList<>();

    @Override
    public synchronized void wakeUp(WakeupCall call, Consumer<WakeupResult> done) {
      calls.add(call);
      done.accept(WakeupResult.placed("recorded"));
    }

    synchronized List<WakeupCall> calls() {
      return List.copyOf(calls);
    }

    @Override
    public void close() { }
  }
}
