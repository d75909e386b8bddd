package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.CallOutcome;
import org.connectivitybox.pstnsim.exchange.CallRecord;
import org.connectivitybox.pstnsim.exchange.EndCause;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Calls between two lines over real TCP, with the ring cadence shortened to 100 ms on, 200 ms off:
 * <pre>
 *   A (1001)                    exchange                    B (2002)
 *   ATDT2002 ──────────────────▶ route ────────────────────▶ RING
 *                                                            NMBR = 1001 (caller ID)
 *                                                            RING
 *            ◀──────────────── CONNECT 33600 ◀──────────── ATA
 *   data ◀──────────────────────────────────────────────▶ data
 *   +++ (guard) OK, ATH ──────────────────────────────────▶ NO CARRIER
 * </pre>
 */
class CallTest {
  private Simulator sim;
  private AtClient a;
  private AtClient b;

  private void start(ExchangeSettings settings, LineConfig... lines) throws Exception {
    sim = Simulator.start(TestConfigs.with(settings, List.of(lines), List.of(), -1));
    a = new AtClient(sim.port(lines[0].number()));
    b = new AtClient(sim.port(lines[1].number()));
    a.command("ATE0S12=10S8=0");
    b.command("ATE0S12=10");
  }

  private void start() throws Exception {
    start(TestConfigs.fast(), new LineConfig("1001", 0, 33_600, false, Presentation.AVAILABLE,
        "ALICE"), TestConfigs.line("2002"));
  }

  @AfterEach
  void stop() throws Exception {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private List<CallRecord> awaitLog(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sim.exchange().callLog().records().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return sim.exchange().callLog().records();
  }

  @Test
  void callerIdArrivesBetweenTheFirstAndSecondRing() throws Exception {
    start();
    b.command("AT+VCID=1");
    a.send("ATDT2002\r");
    String upToSecondRing = b.await("RING") + b.await("RING\r\n");
    int first = upToSecondRing.indexOf("RING");
    int nmbr = upToSecondRing.indexOf("\r\nNMBR = 1001\r\n");
    int second = upToSecondRing.lastIndexOf("RING");
    assertTrue(first < nmbr && nmbr < second, upToSecondRing);
    assertTrue(upToSecondRing.matches("(?s).*\r\nDATE = \\d{4}\r\n\r\nTIME = \\d{4}\r\n"
        + "\r\nNMBR = 1001\r\n\r\nNAME = ALICE\r\n.*"), upToSecondRing);
  }

  @Test
  void unformattedCallerIdIsOneMdmfHexLine() throws Exception {
    start();
    b.command("AT+VCID=2");
    a.send("ATDT2002\r");
    String text = b.await("RING") + b.await("RING\r\n");
    String hex = text.lines().filter(l -> l.startsWith("80")).findFirst().orElseThrow();
    assertTrue(hex.matches("[0-9A-F]+"), hex);
    int sum = 0;
    for (int i = 0; i < hex.length(); i += 2) {
      sum += Integer.parseInt(hex.substring(i, i + 2), 16);
    }
    assertEquals(0, sum & 0xff, "MDMF checksum");
    assertTrue(hex.contains("02043130303107"), "number parameter 1001 then name: " + hex);
  }

  @Test
  void withoutCallerIdOnlyRingsArrive() throws Exception {
    start();
    a.send("ATDT2002\r");
    String text = b.await("RING") + b.await("RING\r\n");
    assertFalse(text.contains("NMBR"), text);
  }

  @Test
  void distinctiveRingIsReportedAsDronAndDrof() throws Exception {
    RingCadence special = new RingCadence(Duration.ofMillis(300), Duration.ofMillis(100));
    start(new ExchangeSettings(TestConfigs.FAST, Map.of("1001", special), CallBarring.Rules.OFF),
        TestConfigs.line("1001"), TestConfigs.line("2002"), TestConfigs.line("3003"));
    b.command("AT+VDR=1,0");
    a.send("ATDT2002\r");
    String ring = b.await("DROF=1\r\n");
    assertTrue(ring.endsWith("\r\nDRON=3\r\n\r\nRING\r\n\r\nDROF=1\r\n"), ring);
    a.command("ATH"); // aborts dialling
    // An ordinary caller rings with the normal cadence.
    try (AtClient c = new AtClient(sim.port("3003"))) {
      c.command("ATE0S8=0");
      awaitLog(1);
      c.send("ATDT2002\r");
      assertTrue(b.await("DROF=2\r\n").endsWith("\r\nDRON=1\r\n\r\nRING\r\n\r\nDROF=2\r\n"));
    }
  }

  @Test
  void answeredCallCarriesDataBothWaysAndHangUpIsNoCarrierOnTheOtherSide() throws Exception {
    start();
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    assertEquals("\r\nCONNECT 33600\r\n", b.command("ATA"));
    assertEquals("\r\nCONNECT 33600\r\n", a.await("\r\nCONNECT 33600\r\n"));
    a.send("hello from A");
    assertEquals("hello from A", b.awaitBytes(12, AtClient.WAIT));
    b.send("and back from B");
    assertEquals("and back from B", a.awaitBytes(15, AtClient.WAIT));
    Thread.sleep(250);
    a.send("+++");
    assertEquals("+++", b.awaitBytes(3, AtClient.WAIT)); // the escape is data too
    assertEquals("\r\nOK\r\n", a.await("\r\nOK\r\n"));
    assertEquals("\r\nOK\r\n", a.command("ATH"));
    assertEquals("\r\nNO CARRIER\r\n", b.await("\r\nNO CARRIER\r\n"));
    CallRecord r = awaitLog(1).get(0);
    assertEquals("1001", r.from());
    assertEquals("2002", r.to());
    assertEquals(CallOutcome.ANSWERED, r.outcome());
    assertEquals(EndCause.CALLER_HUNG_UP, r.endCause());
    assertEquals(15, r.bytesFromCaller());
    assertEquals(15, r.bytesToCaller());
    assertEquals(33_600, r.rateBps());
    assertTrue(r.connectedMillis() >= 250, "connected " + r.connectedMillis() + " ms");
  }

  @Test
  void plusesWithoutGuardTimeAreJustData() throws Exception {
    start();
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    b.command("ATA");
    a.await("CONNECT 33600\r\n");
    a.send("x+++y");
    assertEquals("x+++y", b.awaitBytes(5, AtClient.WAIT));
    Thread.sleep(400);
    assertEquals("", a.pending(), "no OK: the +++ had no guard time");
    a.send("more");
    assertEquals("more", b.awaitBytes(4, AtClient.WAIT));
  }

  @Test
  void escapeThenAtoGoesBackOnline() throws Exception {
    start();
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    b.command("ATA");
    a.await("CONNECT 33600\r\n");
    Thread.sleep(250);
    a.send("+++");
    a.await("\r\nOK\r\n");
    assertEquals("\r\nCONNECT 33600\r\n", a.command("ATO"));
    b.awaitBytes(3, AtClient.WAIT);
    a.send("again");
    assertEquals("again", b.awaitBytes(5, AtClient.WAIT));
  }

  @Test
  void autoAnswerAfterS0Rings() throws Exception {
    start();
    b.command("ATS0=2");
    a.send("ATDT2002\r");
    String text = b.await("CONNECT 33600\r\n");
    assertEquals(2, text.split("RING", -1).length - 1, text);
    a.await("CONNECT 33600");
  }

  @Test
  void callToALineInACallIsBusy() throws Exception {
    start(TestConfigs.fast(), TestConfigs.line("1001"), TestConfigs.line("2002"),
        TestConfigs.line("3003"));
    b.command("ATH1"); // off hook
    assertEquals("\r\nBUSY\r\n", a.command("ATDT2002"));
    b.command("ATH0");
    try (AtClient c = new AtClient(sim.port("3003"))) {
      c.command("ATE0S8=0");
      a.send("ATDT2002\r");
      b.await("RING\r\n");
      b.command("ATA");
      a.await("CONNECT 33600\r\n");
      assertEquals("\r\nBUSY\r\n", c.command("ATDT2002"));
      assertEquals("\r\nBUSY\r\n", c.command("ATDT1001"));
    }
    List<CallRecord> log = awaitLog(3);
    assertEquals(CallOutcome.BUSY, log.get(0).outcome());
  }

  @Test
  void noAnswerWhenS7Expires() throws Exception {
    start();
    a.command("ATS7=1");
    long t0 = System.nanoTime();
    assertEquals("\r\nNO ANSWER\r\n", a.command("ATDT2002"));
    assertTrue(System.nanoTime() - t0 >= 900_000_000L);
    assertEquals(CallOutcome.NO_ANSWER, awaitLog(1).get(0).outcome());
    // The callee stopped ringing and is free again.
    b.command("AT");
  }

  @Test
  void deadLineHasNoDialTone() throws Exception {
    start();
    sim.exchange().setDead("1001", true);
    assertEquals("\r\nNO DIALTONE\r\n", a.command("ATDT2002"));
    sim.exchange().setDead("1001", false);
    sim.exchange().setDead("2002", true);
    assertEquals("\r\nNO CARRIER\r\n", a.command("ATDT2002"));
    assertEquals("\r\nNO CARRIER\r\n", a.command("ATDT9999"));
    List<CallRecord> log = awaitLog(3);
    assertEquals(List.of(CallOutcome.NO_DIALTONE, CallOutcome.UNOBTAINABLE,
        CallOutcome.UNOBTAINABLE), log.stream().map(CallRecord::outcome).toList());
  }

  @Test
  void carrierDropOnDemandIsNoCarrierOnBothSides() throws Exception {
    start();
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    b.command("ATA");
    a.await("CONNECT 33600\r\n");
    assertEquals(1, sim.exchange().dropCarrier("2002"));
    a.await("\r\nNO CARRIER\r\n");
    b.await("\r\nNO CARRIER\r\n");
    assertEquals(EndCause.CARRIER_LOST, awaitLog(1).get(0).endCause());
    assertEquals("\r\nOK\r\n", a.command("AT"));
  }

  @Test
  void dtrDropHangsUpTheCall() throws Exception {
    start();
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    b.command("ATA");
    a.await("CONNECT 33600\r\n");
    b.close();
    a.await("\r\nNO CARRIER\r\n");
    assertEquals(EndCause.CALLEE_HUNG_UP, awaitLog(1).get(0).endCause());
  }

  @Test
  void anyByteAbortsDialling() throws Exception {
    start();
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    assertEquals("\r\nNO CARRIER\r\n", a.command("ATH"));
    assertEquals(CallOutcome.ABANDONED, awaitLog(1).get(0).outcome());
    assertEquals("\r\nOK\r\n", a.command("AT"));
  }

  @Test
  void repeatedFailuresAreDelayedThenBlacklisted() throws Exception {
    start(new ExchangeSettings(TestConfigs.FAST, Map.of(),
            new CallBarring.Rules(true, 2, Duration.ofSeconds(60), 3)),
        TestConfigs.line("1001"), TestConfigs.line("2002"));
    b.command("ATH1");
    assertEquals("\r\nBUSY\r\n", a.command("ATDT2002"));
    assertEquals("\r\nBUSY\r\n", a.command("ATDT2002"));
    assertEquals("\r\nDELAYED\r\n", a.command("ATDT2002"));
    assertEquals("\r\nNO CARRIER\r\n", a.command("ATDT9999"));
    assertEquals("\r\nNO CARRIER\r\n", a.command("ATDT9999"));
    assertEquals("\r\nDELAYED\r\n", a.command("ATDT9999"));
  }

  @Test
  void blacklistAfterTheConfiguredFailures() throws Exception {
    start(new ExchangeSettings(TestConfigs.FAST, Map.of(),
            new CallBarring.Rules(true, 1, Duration.ZERO, 2)),
        TestConfigs.line("1001"), TestConfigs.line("2002"));
    b.command("ATH1");
    assertEquals("\r\nBUSY\r\n", a.command("ATDT2002"));
    assertEquals("\r\nBUSY\r\n", a.command("ATDT2002")); // delay 0: allowed again
    assertEquals("\r\nBLACKLISTED\r\n", a.command("ATDT2002"));
    assertEquals(CallOutcome.BLACKLISTED, awaitLog(3).get(2).outcome());
  }

  @Test
  void connectReportsTheLowerRateOfBothLines() throws Exception {
    start(TestConfigs.fast(), TestConfigs.line("1001", 33_600), TestConfigs.line("2002", 9_600));
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    assertEquals("\r\nCONNECT 9600\r\n", b.command("ATA"));
    a.await("\r\nCONNECT 9600\r\n");
  }

  @Test
  void lineRateBoundsTheTransferTime() throws Exception {
    start(TestConfigs.fast(), TestConfigs.line("1001", 2_400), TestConfigs.line("2002", 2_400));
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    b.command("ATA");
    a.await("CONNECT 2400\r\n");
    int n = 600; // 600 bytes × 8 / 2400 bit/s = 2 s at least
    byte[] data = new byte[n];
    java.util.Arrays.fill(data, (byte) 'x');
    long t0 = System.nanoTime();
    a.send(data);
    b.awaitBytes(n, Duration.ofSeconds(20));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(seconds >= n * 8.0 / 2400, "took " + seconds + " s");
    // and the other direction
    t0 = System.nanoTime();
    b.send(data);
    a.awaitBytes(n, Duration.ofSeconds(20));
    seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(seconds >= n * 8.0 / 2400, "took " + seconds + " s");
  }
}
