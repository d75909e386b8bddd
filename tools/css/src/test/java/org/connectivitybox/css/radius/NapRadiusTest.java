package org.connectivitybox.css.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.NapPasswordHash;
import org.connectivitybox.css.store.NapSession;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.ppp.Credentials;
import org.connectivitybox.protocols.ppp.LinkOutcome;
import org.connectivitybox.protocols.ppp.SimulatorLink;
import org.connectivitybox.protocols.pstn.DataCall;
import org.connectivitybox.protocols.pstn.DialOutcome;
import org.connectivitybox.protocols.pstn.DialString;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.nap.NapSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The PSTN simulator's NAP pointed at the CSS's RADIUS server: a box's own modem driver dials
 * the NAP, its simulator link logs in with a subscriber login, the CSS decides, and the box gets
 * an address (or is rejected); the NAP's accounting lands in the CSS's NAP sessions, and a
 * configuration login's Accounting-Start reaches the configuration manager with the address.
 *
 * <pre>
 *   box: ModemDriver ── tcp ──▶ line 5551001 ══ call ══▶ NAP 0845 ── RADIUS (UDP) ──▶ CSS
 *        SimulatorLink ◀─ READY / LOGIN cb-alice@nasp.cb.example / ADDRESS or REJECTED ─▶ NAP
 * </pre>
 */
class NapRadiusTest {
  static final String BOX = "5551001";
  static final String NAP = "0845";
  static final String SECRET = "sim-nap-secret";
  static final String USER = "cb-alice@" + RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN;
  static final String PASSWORD = "Alice7nap7password7abcde";
  static final SerialNumber SERIAL = SerialNumber.of("CB26A-000042");
  static final String CONFIG_PASSWORD = "Cfg7password7for7box7042";

  Path data;
  Css css;
  Simulator sim;
  SystemModemTime time;
  ModemDriver box;
  ScheduledExecutorService timers;
  final BlockingQueue<ConfigurationLogin> configurationLogins = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() throws Exception {
    data = Files.createTempDirectory("css-nap");
    Path secretFile = data.resolve("nap.secret");
    Files.writeString(secretFile, SECRET + "\n");
    RadiusSettings radius = new RadiusSettings(new InetSocketAddress("127.0.0.1", 0), 0,
        RadiusSettings.clients(List.of("127.0.0.1=" + secretFile)),
        RadiusSettings.DEFAULT_CONFIG_DOMAIN, RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN);
    css = Css.start(new Css.Settings(data.resolve("css"), new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null).withRadius(radius),
        Clock.systemUTC(), configurationLogins::add);
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(CbId.of("cb-alice"),
        "Alice", new TelephoneNumber(BOX), ZoneId.of("UTC")));
    css.repositories().subscribers().setNapPassword(CbId.of("cb-alice"),
        PASSWORD.toCharArray());
    css.repositories().serials().importRows(List.of(new LegitimateSerial(SERIAL,
        SERIAL.value() + "@" + RadiusSettings.DEFAULT_CONFIG_DOMAIN,
        HexFormat.of().formatHex(NapPasswordHash.sha256(CONFIG_PASSWORD.toCharArray())),
        "ab".repeat(32), Instant.parse("2051-01-01T00:00:00Z"), "test")));

    CssRadius r = css.radius().orElseThrow();
    NapSettings nap = new NapSettings(NAP, "nap1", 33_600, 4, 1, Duration.ofSeconds(10),
        "127.1.0.1", "127.1.0.3", "127.0.0.1",
        new org.connectivitybox.pstnsim.nap.RadiusSettings("127.0.0.1", r.authPort(),
            r.acctPort(), SECRET, Duration.ofMillis(2000), 1));
    sim = Simulator.start(new SimConfig(new ExchangeSettings(new RingCadence(
        Duration.ofMillis(100), Duration.ofMillis(200)), Map.of(), CallBarring.Rules.OFF),
        List.of(new LineConfig(BOX, 0, 33_600, false, Presentation.AVAILABLE, null)),
        List.of(nap), null, -1));
    time = new SystemModemTime();
    timers = Executors.newSingleThreadScheduledExecutor();
    box = ModemDriver.start(SerialLines.open("tcp:127.0.0.1:" + sim.port(BOX)),
        ModemProfile.GENERIC, time, ModemSettings.DEFAULTS);
    box.initialise();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (box != null) {
      box.close();
    }
    if (time != null) {
      time.close();
    }
    if (timers != null) {
      timers.shutdownNow();
    }
    if (sim != null) {
      sim.close();
    }
    if (css != null) {
      css.close();
    }
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aSubscriberLoginThroughTheSimulatorNapGetsAnAddressAndIsAccounted() throws Exception {
    SimulatorLink link = dialNapAndLink();
    LinkOutcome outcome = link.bringUp(new Credentials(USER, PASSWORD), Duration.ofSeconds(10))
        .get(15, TimeUnit.SECONDS);
    LinkOutcome.Up up = assertInstanceOf(LinkOutcome.Up.class, outcome, outcome.toString());
    assertTrue(up.local().getHostAddress().startsWith("127.1.0."), up.toString());

    NapSession started = awaitSession(NapSession.State.STARTED);
    assertEquals("cb-alice", started.cbId());
    assertEquals(NapSession.LoginKind.SUBSCRIBER, started.loginKind());
    assertEquals(up.local().getHostAddress(), started.framedIpAddress());
    assertEquals("nap1", started.nas());

    link.bringDown();
    box.hangUp();
    NapSession stopped = awaitSession(NapSession.State.STOPPED);
    assertEquals(started.acctSessionId(), stopped.acctSessionId());
  }

  @Test
  void aConfigurationLoginThroughTheSimulatorNapReachesTheConfigurationManager()
      throws Exception {
    SimulatorLink link = dialNapAndLink();
    LinkOutcome outcome = link.bringUp(new Credentials(
        Parameters190.configUserName(SERIAL, RadiusSettings.DEFAULT_CONFIG_DOMAIN),
        CONFIG_PASSWORD), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
    LinkOutcome.Up up = assertInstanceOf(LinkOutcome.Up.class, outcome, outcome.toString());
    ConfigurationLogin login = configurationLogins.poll(10, TimeUnit.SECONDS);
    assertEquals(SERIAL, login == null ? null : login.serial(), "the Accounting-Start came");
    assertEquals(up.local(), login.framedIpAddress());
    assertEquals("nap1", login.nas());
    link.bringDown();
    box.hangUp();
  }

  @Test
  void aWrongPasswordIsRejectedWithTheCssReason() throws Exception {
    SimulatorLink link = dialNapAndLink();
    LinkOutcome outcome = link.bringUp(new Credentials(USER, "wrong-password"),
        Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
    LinkOutcome.Rejected rejected =
        assertInstanceOf(LinkOutcome.Rejected.class, outcome, outcome.toString());
    assertEquals(TinyradiusServer.REFUSED, rejected.reason());
    assertTrue(css.repositories().napSessions().latest(10).isEmpty());
  }

  private NapSession awaitSession(NapSession.State state) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<NapSession> latest = css.repositories().napSessions().latest(1);
      if (!latest.isEmpty() && latest.get(0).state() == state) {
        return latest.get(0);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no NAP session " + state + " within 10 s: "
        + css.repositories().napSessions().latest(5));
  }

  private SimulatorLink dialNapAndLink() throws Exception {
    DialOutcome dialled = box.dial(DialString.tone(NAP), Duration.ofSeconds(10));
    assertEquals(DialOutcome.Kind.CONNECTED, dialled.kind(), dialled.toString());
    DataCall call = box.dataCall().orElseThrow();
    return new SimulatorLink(call.input(), call.output(), Clock.systemUTC(),
        Scheduler.of(timers), Thread::new);
  }
}
