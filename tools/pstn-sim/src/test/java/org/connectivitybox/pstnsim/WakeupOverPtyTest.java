package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.hal.serial.SerialLine;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.protocols.pstn.Cadence;
import org.connectivitybox.protocols.pstn.CbsMonitor;
import org.connectivitybox.protocols.pstn.DialString;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemEvent;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.connectivitybox.protocols.pstn.WakeupDialler;
import org.connectivitybox.protocols.pstn.WakeupOutcome;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.CallOutcome;
import org.connectivitybox.pstnsim.exchange.CallRecord;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wakeup path end to end over real parts: box B's modem driver opens, through jSerialComm, a
 * pseudo-terminal that socat bridges to its simulator line; the CSS's wakeup dialler places calls
 * from its own lines; B's CBS monitor classifies each call from what arrives on the pty, and
 * nothing ever answers.
 *
 * <pre>
 *   CSS dialler ── tcp ──▶ simulator line 0800555010x ══ call ══▶ line 5552002 ── tcp ── socat ── pty ──▶ jSerialComm ──▶ ModemDriver (B) ──▶ CbsMonitor
 * </pre>
 */
@Tag("socat")
class WakeupOverPtyTest {
  static final String CSS_CALLER_ID = "08005550100";
  static final String CSS_DISTINCTIVE = "08005550101";
  static final String CSS_WITHHELD = "08005550102";
  static final String NEIGHBOUR = "5551001";
  static final String BOX_B = "5552002";
  static final RingCadence ORDINARY = new RingCadence(Duration.ofMillis(400), Duration.ofMillis(800));
  static final RingCadence DISTINCTIVE = new RingCadence(Duration.ofMillis(900), Duration.ofMillis(300));
  static final Duration CYCLE = Duration.ofMillis(1200);

  @TempDir Path dir;
  Simulator sim;
  Process socat;
  SystemModemTime time;
  ModemDriver boxB;
  final BlockingQueue<ModemEvent> atB = new LinkedBlockingQueue<>();
  final List<AutoCloseable> closeLast = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    ExchangeSettings exchange = new ExchangeSettings(ORDINARY,
        Map.of(CSS_DISTINCTIVE, DISTINCTIVE), CallBarring.Rules.OFF);
    sim = Simulator.start(TestConfigs.with(exchange, List.of(
        new LineConfig(CSS_CALLER_ID, 0, 33_600, false, Presentation.AVAILABLE, "CSS WAKEUP"),
        new LineConfig(CSS_DISTINCTIVE, 0, 33_600, false, Presentation.AVAILABLE, null),
        new LineConfig(CSS_WITHHELD, 0, 33_600, false, Presentation.WITHHELD, null),
        TestConfigs.line(NEIGHBOUR), TestConfigs.line(BOX_B)), List.of(), -1));
    Path pty = dir.resolve("ttyB");
    socat = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + pty,
        "tcp:127.0.0.1:" + sim.port(BOX_B)).redirectErrorStream(true)
        .redirectOutput(dir.resolve("socat.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(pty)) {
      assertTrue(socat.isAlive(), "socat exited: " + Files.readString(dir.resolve("socat.log")));
      assertTrue(System.nanoTime() < deadline, "socat made no pty within 10 s");
      Thread.sleep(20);
    }
    time = new SystemModemTime();
    SerialLine line = SerialLines.open(pty.toString());
    assertTrue(line.name().contains("ttyB") || !line.name().isEmpty());
    boxB = ModemDriver.start(line, ModemProfile.CONEXANT, time, ModemSettings.DEFAULTS);
    boxB.addListener(atB::add);
    var caps = boxB.initialise();
    assertTrue(caps.callerId(), "the simulator's modem takes AT+VCID=1");
    assertTrue(caps.distinctiveRing(), "the simulator's modem takes AT+VDR=1,0");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (boxB != null) {
      boxB.close();
    }
    for (AutoCloseable c : closeLast) {
      c.close();
    }
    if (time != null) {
      time.close();
    }
    if (socat != null) {
      socat.destroy();
      if (!socat.waitFor(5, TimeUnit.SECONDS)) {
        socat.destroyForcibly();
      }
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void aWakeupIsRecognisedByCallerIdWithoutAnswering() throws Exception {
    WakeupVerdict v = wakeUpFrom(CSS_CALLER_ID, 2,
        WakeupParameters.byCallerId(Set.of(CSS_CALLER_ID)));
    assertTrue(v.wakeup(), v.toString());
    assertEquals(WakeupVerdict.Reason.CALLER_ID, v.reason());
    assertEquals(1, v.rings(), "decided between the first and the second ring");
    ModemEvent.CallerId id = (ModemEvent.CallerId) atB.stream()
        .filter(e -> e instanceof ModemEvent.CallerId).findFirst().orElseThrow();
    assertEquals(CSS_CALLER_ID, id.number());
    assertEquals("CSS WAKEUP", id.name());
    assertNeverAnswered(CSS_CALLER_ID);
  }

  @Test
  void aWakeupIsRecognisedByItsDistinctiveCadence() throws Exception {
    WakeupVerdict v = wakeUpFrom(CSS_DISTINCTIVE, 2, new WakeupParameters(Set.of(),
        Optional.of(new Cadence(Duration.ofMillis(900), Duration.ofMillis(300))), 0,
        Duration.ofSeconds(2)));
    assertTrue(v.wakeup(), v.toString());
    assertEquals(WakeupVerdict.Reason.DISTINCTIVE_RING, v.reason());
    assertNeverAnswered(CSS_DISTINCTIVE);
  }

  @Test
  void aWakeupIsRecognisedByLimitedRingingFromAWithheldNumber() throws Exception {
    // The dialler rings two cycles by its own clock and then abandons the call; a third ring may
    // start at the very moment it gives up, so the box allows three.
    WakeupVerdict v = wakeUpFrom(CSS_WITHHELD, 2, new WakeupParameters(Set.of(CSS_CALLER_ID),
        Optional.empty(), 3, Duration.ofSeconds(2)));
    assertTrue(v.wakeup(), v.toString());
    assertEquals(WakeupVerdict.Reason.LIMITED_RINGING, v.reason());
    assertTrue(v.rings() <= 3, v.toString());
    assertNeverAnswered(CSS_WITHHELD);
  }

  @Test
  void anOrdinaryCallIsNotAWakeupAndIsLeftForTheTelephone() throws Exception {
    WakeupVerdict v = wakeUpFrom(NEIGHBOUR, 4, new WakeupParameters(Set.of(CSS_CALLER_ID),
        Optional.of(new Cadence(Duration.ofMillis(900), Duration.ofMillis(300))), 2,
        Duration.ofSeconds(2)));
    assertFalse(v.wakeup(), v.toString());
    // The ordinary cadence rules the distinctive-ring method out at the first ring; the caller
    // ID, between the first and second ring, rules out the rest.
    assertEquals(WakeupVerdict.Reason.OTHER_CALLER_ID, v.reason(), v.toString());
    assertEquals(1, v.rings(), "decided before the second ring, so the telephone can ring on");
    assertNeverAnswered(NEIGHBOUR);
  }

  /**
   * Places a call from {@code from} to box B that rings {@code rings} cycles and is abandoned,
   * feeding B's events to a CBS monitor until it gives its verdict.
   */
  private WakeupVerdict wakeUpFrom(String from, int rings, WakeupParameters params)
      throws Exception {
    SerialLine cssLine = SerialLines.open("tcp:127.0.0.1:" + sim.port(from));
    ModemDriver css = ModemDriver.start(cssLine, ModemProfile.GENERIC, time, ModemSettings.DEFAULTS);
    closeLast.add(css);
    css.initialise();
    WakeupDialler dialler = new WakeupDialler(css, time, rings, CYCLE);
    WakeupOutcome[] outcome = new WakeupOutcome[1];
    Thread calling = new Thread(() -> outcome[0] = dialler.wakeUp(DialString.tone(BOX_B)));
    calling.start();

    CbsMonitor monitor = new CbsMonitor(params);
    Instant giveUp = Instant.now().plusSeconds(20);
    Optional<WakeupVerdict> verdict = Optional.empty();
    List<ModemEvent> seen = new ArrayList<>();
    while (verdict.isEmpty() && Instant.now().isBefore(giveUp)) {
      ModemEvent e = atB.poll(100, TimeUnit.MILLISECONDS);
      if (e != null) {
        seen.add(e);
        verdict = monitor.onEvent(e);
      } else {
        verdict = monitor.onTick(Instant.now());
      }
    }
    calling.join(20_000);
    assertFalse(calling.isAlive(), "the dialler finished");
    atB.addAll(seen);
    assertTrue(verdict.isPresent(), "no verdict within 20 s; events at B: " + seen);
    assertEquals(WakeupOutcome.RANG, outcome[0], "the CSS's dialler let it ring and gave up");
    assertTrue(seen.stream().anyMatch(e -> e instanceof ModemEvent.Ring), "RING arrived at B");
    return verdict.get();
  }

  private void assertNeverAnswered(String from) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    List<CallRecord> calls;
    do {
      calls = sim.exchange().callLog().records().stream()
          .filter(r -> r.from().equals(from) && r.to().equals(BOX_B)).toList();
    } while (calls.isEmpty() && System.nanoTime() < deadline);
    assertEquals(1, calls.size(), calls.toString());
    assertTrue(calls.get(0).outcome() != CallOutcome.ANSWERED, calls.get(0).toString());
    assertFalse(atB.stream().anyMatch(e -> e instanceof ModemEvent.Connected), "B never connected");
  }
}
