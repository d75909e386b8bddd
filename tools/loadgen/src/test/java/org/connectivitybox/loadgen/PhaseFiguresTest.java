package org.connectivitybox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.connectivitybox.protocols.transaction.Transaction;
import org.junit.jupiter.api.Test;

class PhaseFiguresTest {
  static LinkupRecord.Completed completed(long connectMs, long sendMs, WireBytes a, WireBytes b) {
    return new LinkupRecord.Completed(List.of(
        new LinkupRecord.Timed(Transaction.CONNECT, connectMs * 1_000_000, 1500),
        new LinkupRecord.Timed(Transaction.CONNECT, (connectMs + 1) * 1_000_000, 1300),
        new LinkupRecord.Timed(Transaction.SEND, sendMs * 1_000_000, 400 + sendMs)), a, b);
  }

  @Test
  void rateBytesAndLatenciesComeFromCompletedLinkupsOnly() {
    List<LinkupRecord> records = List.of(
        completed(2, 10, new WireBytes(1000, 2000), new WireBytes(900, 1900)),
        completed(4, 30, new WireBytes(600, 1400), new WireBytes(500, 1300)),
        new LinkupRecord.Failed("SEND: REFUSED WAKEUP_TIMED_OUT", "..."),
        new LinkupRecord.Failed("SEND: REFUSED WAKEUP_TIMED_OUT", "..."),
        new LinkupRecord.Failed("VERIFY: REFUSED WRONG_SENDER", "..."),
        new LinkupRecord.CutOff());
    PhaseFigures f = PhaseFigures.of("test", records, Duration.ofMillis(500));

    assertEquals(2, f.completed());
    assertEquals(3, f.failed());
    assertEquals(Map.of("SEND: REFUSED WAKEUP_TIMED_OUT", 2L, "VERIFY: REFUSED WRONG_SENDER", 1L),
        f.failures());
    assertEquals(1, f.cutOff());
    assertEquals(4.0, f.linkupsPerSecond(), 1e-9);
    // senders 3000 + 2000, receivers 2800 + 1800: 9600 bytes over 2 linkups x 2 boxes
    assertEquals(2400.0, f.bytesPerBoxPerLinkup(), 1e-9);
    assertEquals(2500.0, f.senderBytesPerLinkup(), 1e-9);
    assertEquals(2300.0, f.receiverBytesPerLinkup(), 1e-9);
    // CONNECT samples 2, 3, 4, 5 ms: nearest-rank median 3, p99 5
    assertEquals(new Latency(4, 3_000_000, 5_000_000, 5_000_000),
        f.latencies().get(Transaction.CONNECT));
    assertEquals(new Latency(2, 10_000_000, 30_000_000, 30_000_000),
        f.latencies().get(Transaction.SEND));
    assertEquals(Latency.NONE, f.latencies().get(Transaction.VERIFY));
    assertEquals(1400.0, f.wireBytes().get(Transaction.CONNECT), 1e-9);
    assertEquals(420.0, f.wireBytes().get(Transaction.SEND), 1e-9);
    assertEquals(0.0, f.wireBytes().get(Transaction.VERIFY), 1e-9);
  }

  @Test
  void noCompletedLinkupGivesZerosNotADivisionByZero() {
    PhaseFigures f = PhaseFigures.of("none", List.of(new LinkupRecord.CutOff()), Duration.ZERO);
    assertEquals(0, f.linkupsPerSecond());
    assertEquals(0, f.bytesPerBoxPerLinkup());
    assertEquals(0, f.failed());
  }

  @Test
  void theSummarySetsTheLinkupsAgainstTheBoundAndTheGoals() {
    WireBytes box = new WireBytes(1000, 1200);
    PhaseFigures through = PhaseFigures.of("css",
        List.of(completed(1, 1, box, box), completed(1, 1, box, box)), Duration.ofSeconds(1));
    PhaseFigures bound = PhaseFigures.of("bound",
        List.of(completed(1, 1, box, box), completed(1, 1, box, box), completed(1, 1, box, box),
            completed(1, 1, box, box)), Duration.ofSeconds(1));
    assertEquals(0.5, Report.ratio(through, bound), 1e-9);
    String s = Report.summary(through, bound);
    assertTrue(s.contains("ratio                             0.50   goal >= 0.6: NOT met"), s);
    assertTrue(s.contains("bytes/box/linkup                  2200   goal <= 2500: met"), s);
    String p = Report.phase(through);
    assertTrue(p.contains("linkups completed 2, failed 0, cut off at the deadline 0, in 1.000 s:"
        + " 2.0 linkups/s"), p);
    assertTrue(p.contains("failures: none"), p);
  }
}
