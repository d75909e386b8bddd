package org.connectivitybox.firmware.linkup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.EventListener;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.store.AllowedHours;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.store.SenderRule;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRules;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.firmware.http.CssClient;
import org.connectivitybox.firmware.http.Outcome;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.pstn.CbsMonitor;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemEvent;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.InterimMetering;
import org.connectivitybox.protocols.sendreceive.SendRefusal;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRefusal;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.CallOutcome;
import org.connectivitybox.pstnsim.exchange.CallRecord;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole control sequence of Figure 10 over real parts on loopback: the CSS (H2, and
 * PostgreSQL when {@code CSS_TEST_PG_URL} names one) places its wakeup calls through a line of
 * the PSTN simulator with the PSTN layer's dialler; the receivers' modems on their own simulator
 * lines hear the call, their CBS monitors recognise the CSS's caller ID, and nothing answers.
 *
 * <pre>
 *   A (alice)              CSS                        PSTN sim                 B (jo)        C (carol)
 *    |-- CONNECT ------->|                              |                        |              |
 *    |-- SEND "jo" ----->|  job OPENING, SEND held      |                        |              |
 *    |                   |== ATD 5552002 (CSS line) ===>|== RING + caller ID ===>| CBS monitor: |
 *    |                   |   hang up after 2 rings      |                        |  wakeup      |
 *    |                   |<------------------------------------------ CONNECT --|              |
 *    |<- ACCEPTED -------|  job ACTIVE                                           |              |
 *    |   {n, B's addr}   |<------------------------------------- VERIFY {n, A} -|              |
 *    |-- METERING ------>|<---------------------------------------- METERING ----|              |
 *    |                   |  one billing record                                   |              |
 *    |-- SEND "carol" -->|== ATD 5552003 ==============>|== RING + caller ID ====================>| (never calls back)
 *    |<- WAKEUP_TIMED_OUT (after the wakeup timeout) -----                                          |
 * </pre>
 * Then the receiver's rules refuse: a sender not on its list, a SEND outside its hours.
 */
class Figure10LinkupTest {
  static final String CSS_LINE = "08005550100";
  static final String A_LINE = "5552001";
  static final String B_LINE = "5552002";
  static final String C_LINE = "5552003";
  static final CbId ALICE = CbId.of("cb-alice");
  static final CbId JO = CbId.of("cb-jo");
  static final CbId CAROL = CbId.of("cb-carol");
  /** A short cadence keeps the test quick; the CSS's dialler counts rings with the same cycle. */
  static final RingCadence CADENCE = new RingCadence(Duration.ofMillis(400), Duration.ofMillis(800));
  static final Duration WAKEUP_TIMEOUT = Duration.ofSeconds(12);

  final List<AutoCloseable> open = new ArrayList<>();
  Path data;

  static Stream<String> databases() {
    String pg = System.getProperty("CSS_TEST_PG_URL", System.getenv("CSS_TEST_PG_URL"));
    return pg == null || pg.isBlank() ? Stream.of("H2") : Stream.of("H2", "PostgreSQL");
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    if (data != null) {
      try (var files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anOfflineReceiverIsWokenThroughThePstnAndTheJobIsBilledOnce(String database)
      throws Exception {
    Simulator sim = Simulator.start(new SimConfig(
        new ExchangeSettings(CADENCE, Map.of(), CallBarring.Rules.OFF),
        List.of(new LineConfig(CSS_LINE, 0, 33_600, false, Presentation.AVAILABLE, "CSS"),
            line(A_LINE), line(B_LINE), line(C_LINE)), List.of(), null, -1));
    open.add(sim);
    data = Files.createTempDirectory("figure10");
    Css css = Css.start(new Css.Settings(data, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), jdbcUrl(database), "postgres", "",
        new WakeupSettings(List.of("tcp:127.0.0.1:" + sim.port(CSS_LINE)), null, "generic", 2,
            CADENCE.on().plus(CADENCE.off())),
        new SendReceiveManager.Settings(WAKEUP_TIMEOUT, Duration.ofHours(1),
            Duration.ofSeconds(1))), Clock.systemUTC());
    open.add(css);
    register(css, ALICE, "alice", A_LINE);
    register(css, JO, "jo", B_LINE);
    register(css, CAROL, "carol", C_LINE);

    CssClient a = client(css, ALICE);
    Receiver jo = new Receiver(sim, B_LINE);
    Receiver carol = new Receiver(sim, C_LINE);

    // A dials in and asks for jo, who is not connected: the SEND is held.
    assertTrue(answered(a.connect(new ConnectRequest(SequenceNumbers.NONE, 4443))).granted());
    CompletableFuture<Outcome<SendResponse>> sending =
        CompletableFuture.supplyAsync(() -> a.send(new SendRequest(CbName.of("jo"))));

    // The CSS calls jo's line; jo's CBS monitor knows the CSS's caller ID; jo dials in.
    WakeupVerdict heard = jo.awaitWakeup();
    assertTrue(heard.wakeup(), heard.toString());
    assertEquals(WakeupVerdict.Reason.CALLER_ID, heard.reason());
    assertFalse(sending.isDone(), "A's SEND waits for jo");
    CssClient b = client(css, JO);
    assertTrue(answered(b.connect(new ConnectRequest(SequenceNumbers.NONE, 4444))).granted());

    SendResponse accepted = answered(sending.get(30, TimeUnit.SECONDS));
    assertTrue(accepted.accepted(), accepted.toString());
    assertEquals(TransferAddress.of("127.0.0.1", 4444), accepted.receiverAddress());
    var n = accepted.jobNumber();

    // jo checks the set-up it received before accepting data.
    assertEquals(VerifyResponse.refused(VerifyRefusal.WRONG_SENDER),
        answered(b.verify(new VerifyRequest(n, InetAddress.getByName("127.9.9.9")))));
    assertTrue(answered(b.verify(new VerifyRequest(n, InetAddress.getByName("127.0.0.1"))))
        .confirmed());

    a.metering(new InterimMetering(n, 20_000, 1));
    assertOk(a.metering(new FinalMetering(n, 61_000, 3, true)));
    assertOk(b.metering(new FinalMetering(n, 61_000, 3, true)));
    assertTrue(answered(a.disconnect(new DisconnectRequest(SequenceNumbers.NONE))).confirmed());
    assertTrue(answered(b.disconnect(new DisconnectRequest(SequenceNumbers.NONE))).confirmed());

    List<BillingRecord> bills = css.repositories().billing().latest(100);
    assertEquals(1, bills.size(), bills.toString());
    assertEquals(n.value(), bills.get(0).jobNumber());
    assertEquals("COMPLETED", bills.get(0).result());
    assertEquals(61_000, bills.get(0).bytes());

    // carol is called too, but never calls back: A's SEND is refused after the wakeup timeout.
    assertTrue(answered(a.connect(new ConnectRequest(SequenceNumbers.NONE, 4443))).granted());
    CompletableFuture<Outcome<SendResponse>> toCarol =
        CompletableFuture.supplyAsync(() -> a.send(new SendRequest(CbName.of("carol"))));
    assertTrue(carol.awaitWakeup().wakeup(), "carol's line rang with the CSS's caller ID");
    assertEquals(SendResponse.refused(SendRefusal.WAKEUP_TIMED_OUT),
        answered(toCarol.get(WAKEUP_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)));

    // jo's rules: only senders on a list; then only at hours that are not now in jo's zone.
    css.repositories().subscribers().update(css.repositories().subscribers().find(JO)
        .orElseThrow().withRules(new SubscriberRules(SenderRule.LIST, List.of(CAROL),
            AllowedHours.ALL_DAY)));
    assertEquals(SendResponse.refused(SendRefusal.SENDER_NOT_ALLOWED),
        answered(a.send(new SendRequest(CbName.of("jo")))));
    LocalTime inAnHour = LocalTime.now(ZoneId.of("Europe/Brussels")).plusHours(1);
    css.repositories().subscribers().update(css.repositories().subscribers().find(JO)
        .orElseThrow().withRules(new SubscriberRules(SenderRule.ANYONE, List.of(),
            AllowedHours.parse(hhmm(inAnHour), hhmm(inAnHour.plusHours(1))))));
    assertEquals(SendResponse.refused(SendRefusal.OUTSIDE_ALLOWED_HOURS),
        answered(a.send(new SendRequest(CbName.of("jo")))));

    assertEquals(1, css.repositories().billing().latest(100).size(),
        "only the completed job is billed");
    List<CallRecord> calls = sim.exchange().callLog().records();
    assertEquals(List.of(B_LINE, C_LINE), calls.stream().filter(c -> c.from().equals(CSS_LINE))
        .map(CallRecord::to).toList(), "one wakeup call per woken receiver: " + calls);
    assertTrue(calls.stream().noneMatch(c -> c.outcome() == CallOutcome.ANSWERED),
        "no wakeup call was answered: " + calls);
  }

  static LineConfig line(String number) {
    return new LineConfig(number, 0, 33_600, false, Presentation.AVAILABLE, null);
  }

  static String hhmm(LocalTime t) {
    return String.format("%02d:%02d", t.getHour(), t.getMinute());
  }

  /** The embedded database, or a fresh schema of the test PostgreSQL. */
  String jdbcUrl(String database) throws Exception {
    if (database.equals("H2")) {
      return null;
    }
    String url = System.getProperty("CSS_TEST_PG_URL", System.getenv("CSS_TEST_PG_URL"));
    String schema = "figure10_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  static void register(Css css, CbId cbId, String name, String line) {
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(cbId, name,
        new TelephoneNumber(line), ZoneId.of("Europe/Brussels")));
  }

  CssClient client(Css css, CbId cbId) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var cert = css.folder().ca().issueCbCertificate(cbId, pair.getPublic(), Duration.ofDays(30));
    var tls = TlsContexts.builder().identity(pair.getPrivate(), List.of(cert))
        .trustAnchor(css.folder().ca().root()).acceptPeers(CertificatePurpose.CSS_SERVER).build();
    // A SEND may wait for a whole wakeup.
    CssClient c = CssClient.create(URI.create("https://127.0.0.1:" + css.operationalPort()), tls,
        WAKEUP_TIMEOUT.plusSeconds(20), EventListener.NONE);
    open.add(c);
    return c;
  }

  static <R> R answered(Outcome<R> o) {
    if (o instanceof Outcome.Answered<R> a) {
      return a.response();
    }
    return fail("not answered: " + o);
  }

  static void assertOk(Outcome<?> o) {
    assertTrue(o instanceof Outcome.Answered, "not answered: " + o);
  }

  /** A receiving box's modem on its simulator line, with the CBS monitor listening to it. */
  final class Receiver {
    final ModemDriver modem;
    final java.util.concurrent.BlockingQueue<ModemEvent> events =
        new java.util.concurrent.LinkedBlockingQueue<>();

    Receiver(Simulator sim, String number) throws Exception {
      SystemModemTime time = new SystemModemTime();
      open.add(time);
      modem = ModemDriver.start(SerialLines.open("tcp:127.0.0.1:" + sim.port(number)),
          ModemProfile.GENERIC, time, ModemSettings.DEFAULTS);
      open.add(modem);
      modem.addListener(events::add);
      modem.initialise();
    }

    /** Feeds the modem's events to a CBS monitor until it decides (at most 30 s). */
    WakeupVerdict awaitWakeup() throws InterruptedException {
      CbsMonitor monitor = new CbsMonitor(new WakeupParameters(Set.of(CSS_LINE),
          Optional.empty(), 0, Duration.ofSeconds(2)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        ModemEvent e = events.poll(100, TimeUnit.MILLISECONDS);
        Optional<WakeupVerdict> v = e != null ? monitor.onEvent(e)
            : monitor.onTick(java.time.Instant.now());
        if (v.isPresent()) {
          return v.get();
        }
      }
      return fail("no wakeup verdict within 30 s");
    }
  }
}
