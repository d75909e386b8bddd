package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.protocols.pstn.ModemEvent.Presentation;
import org.connectivitybox.protocols.pstn.WakeupVerdict.Reason;
import org.junit.jupiter.api.Test;

/**
 * The CBS monitor, one transition per test. Times are seconds from T0 on a ring cycle of 2 s on
 * and 4 s off: rings at 0, 6, 12 ...; caller ID between the first and second ring (at 3).
 */
class CbsMonitorTest {
  static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  static final String CSS = "08005550100";
  static final Duration SILENCE = Duration.ofSeconds(9);
  static final Cadence SHORT_SHORT = new Cadence(Duration.ofMillis(400), Duration.ofMillis(200));

  static Instant t(double seconds) {
    return T0.plusMillis((long) (seconds * 1000));
  }

  static ModemEvent ring(double s) {
    return new ModemEvent.Ring(t(s));
  }

  static ModemEvent callerId(double s, String number) {
    return new ModemEvent.CallerId(t(s), Presentation.AVAILABLE, number, null);
  }

  static ModemEvent cadence(double s, int onMs, int offMs) {
    return new ModemEvent.RingCadence(t(s), Duration.ofMillis(onMs), Duration.ofMillis(offMs));
  }

  static WakeupParameters params(Set<String> ids, Cadence cadence, int ringLimit) {
    return new WakeupParameters(ids, Optional.ofNullable(cadence), ringLimit, SILENCE);
  }

  @Test
  void theCssCallerIdIsAWakeupAfterOneRing() {
    CbsMonitor m = new CbsMonitor(WakeupParameters.byCallerId(Set.of(CSS)));
    assertEquals(Optional.empty(), m.onEvent(ring(0)));
    assertEquals(CbsMonitor.State.RINGING, m.state());
    WakeupVerdict v = m.onEvent(callerId(3, CSS)).orElseThrow();
    assertTrue(v.wakeup());
    assertEquals(Reason.CALLER_ID, v.reason());
    assertEquals(1, v.rings());
    assertEquals(CbsMonitor.State.DECIDED, m.state());
    assertEquals(Optional.empty(), m.onEvent(ring(6)), "one verdict per call");
    assertEquals(Optional.of(t(15)), m.deadline());
    assertEquals(Optional.empty(), m.onTick(t(14.9)));
    assertEquals(Optional.empty(), m.onTick(t(15)));
    assertEquals(CbsMonitor.State.IDLE, m.state());
    assertEquals(Optional.empty(), m.deadline());
  }

  @Test
  void anotherCallerIdIsNotAWakeupAndIsLeftForTheTelephone() {
    CbsMonitor m = new CbsMonitor(WakeupParameters.byCallerId(Set.of(CSS)));
    m.onEvent(ring(0));
    WakeupVerdict v = m.onEvent(callerId(3, "01234567890")).orElseThrow();
    assertFalse(v.wakeup());
    assertEquals(Reason.OTHER_CALLER_ID, v.reason());
  }

  @Test
  void aWithheldNumberStaysUndecidedUntilTheCallEnds() {
    CbsMonitor m = new CbsMonitor(WakeupParameters.byCallerId(Set.of(CSS)));
    m.onEvent(ring(0));
    assertEquals(Optional.empty(),
        m.onEvent(new ModemEvent.CallerId(t(3), Presentation.WITHHELD, null, null)));
    assertEquals(Optional.empty(), m.onEvent(ring(6)));
    WakeupVerdict v = m.onTick(t(15)).orElseThrow();
    assertFalse(v.wakeup());
    assertEquals(Reason.NOT_RECOGNISED, v.reason());
    assertEquals(2, v.rings());
  }

  @Test
  void noCallerIdBlockBeforeTheSecondRingRulesTheMethodOut() {
    CbsMonitor m = new CbsMonitor(WakeupParameters.byCallerId(Set.of(CSS)));
    m.onEvent(ring(0));
    WakeupVerdict v = m.onEvent(ring(6)).orElseThrow();
    assertFalse(v.wakeup());
    assertEquals(Reason.NOT_RECOGNISED, v.reason());
  }

  @Test
  void theDistinctiveCadenceIsAWakeup() {
    CbsMonitor m = new CbsMonitor(params(Set.of(), SHORT_SHORT, 0));
    m.onEvent(ring(0));
    WakeupVerdict v = m.onEvent(cadence(0.4, 500, 200)).orElseThrow(); // within tolerance
    assertTrue(v.wakeup());
    assertEquals(Reason.DISTINCTIVE_RING, v.reason());
  }

  @Test
  void anOrdinaryCadenceIsNotAWakeup() {
    CbsMonitor m = new CbsMonitor(params(Set.of(), SHORT_SHORT, 0));
    m.onEvent(ring(0));
    WakeupVerdict v = m.onEvent(cadence(2, 2000, 4000)).orElseThrow();
    assertFalse(v.wakeup());
    assertEquals(Reason.ORDINARY_RING, v.reason());
  }

  @Test
  void ringingThatStopsWithinTheLimitIsAWakeupWhenTheSilenceEnds() {
    CbsMonitor m = new CbsMonitor(params(Set.of(), null, 2));
    m.onEvent(ring(0));
    assertEquals(Optional.empty(), m.onEvent(ring(6)));
    assertEquals(Optional.of(t(15)), m.deadline());
    assertEquals(Optional.empty(), m.onTick(t(14)));
    WakeupVerdict v = m.onTick(t(15)).orElseThrow();
    assertTrue(v.wakeup());
    assertEquals(Reason.LIMITED_RINGING, v.reason());
    assertEquals(2, v.rings());
    assertEquals(CbsMonitor.State.IDLE, m.state());
  }

  @Test
  void ringingBeyondTheLimitIsNotAWakeupAtOnce() {
    CbsMonitor m = new CbsMonitor(params(Set.of(), null, 2));
    m.onEvent(ring(0));
    m.onEvent(ring(6));
    WakeupVerdict v = m.onEvent(ring(12)).orElseThrow();
    assertFalse(v.wakeup());
    assertEquals(Reason.RANG_TOO_LONG, v.reason());
    assertEquals(3, v.rings());
    assertEquals(Optional.empty(), m.onTick(t(21)), "the call's end gives no second verdict");
  }

  @Test
  void limitedRingingNeverOverridesAnotherCallerId() {
    CbsMonitor m = new CbsMonitor(params(Set.of(CSS), null, 2));
    m.onEvent(ring(0));
    WakeupVerdict v = m.onEvent(callerId(3, "01234567890")).orElseThrow();
    assertFalse(v.wakeup(), "decided at once: limited ringing cannot say yes any more");
    assertEquals(Reason.OTHER_CALLER_ID, v.reason());
  }

  @Test
  void limitedRingingDecidesWhenTheNumberIsWithheld() {
    CbsMonitor m = new CbsMonitor(params(Set.of(CSS), null, 2));
    m.onEvent(ring(0));
    m.onEvent(new ModemEvent.CallerId(t(3), Presentation.UNAVAILABLE, null, null));
    m.onEvent(ring(6));
    WakeupVerdict v = m.onTick(t(15)).orElseThrow();
    assertTrue(v.wakeup());
    assertEquals(Reason.LIMITED_RINGING, v.reason());
  }

  @Test
  void aCallThatEndedUnnoticedIsReportedWhenTheNextRingArrives() {
    CbsMonitor m = new CbsMonitor(params(Set.of(), null, 2));
    m.onEvent(ring(0));
    // No tick came; the next ring, long after the silence, belongs to a new call.
    WakeupVerdict first = m.onEvent(ring(60)).orElseThrow();
    assertTrue(first.wakeup());
    assertEquals(1, first.rings());
    assertEquals(CbsMonitor.State.RINGING, m.state());
    assertEquals(Optional.of(t(69)), m.deadline());
  }

  @Test
  void eventsWithoutACallAreIgnored() {
    CbsMonitor m = new CbsMonitor(WakeupParameters.byCallerId(Set.of(CSS)));
    assertEquals(Optional.empty(), m.onEvent(callerId(0, CSS)));
    assertEquals(Optional.empty(), m.onEvent(new ModemEvent.CarrierLost(t(1))));
    assertEquals(Optional.empty(), m.onTick(t(100)));
    assertEquals(CbsMonitor.State.IDLE, m.state());
  }

  @Test
  void wakeupParametersNeedAMethodAndSaneValues() {
    assertThrows(IllegalArgumentException.class, () -> params(Set.of(), null, 0));
    assertThrows(IllegalArgumentException.class, () -> params(Set.of("not a number"), null, 0));
    assertThrows(IllegalArgumentException.class, () -> params(Set.of(), null, 11));
    assertThrows(IllegalArgumentException.class,
        () -> new WakeupParameters(Set.of(CSS), Optional.empty(), 0, Duration.ZERO));
  }

  @Test
  void cadencesMatchWithinAQuarterOrTwoHundredMilliseconds() {
    Cadence c = new Cadence(Duration.ofMillis(2000), Duration.ofMillis(4000));
    assertTrue(c.matches(Duration.ofMillis(2500), Duration.ofMillis(3000)));
    assertFalse(c.matches(Duration.ofMillis(2600), Duration.ofMillis(4000)));
    assertTrue(SHORT_SHORT.matches(Duration.ofMillis(600), Duration.ofMillis(400)));
    assertFalse(SHORT_SHORT.matches(Duration.ofMillis(700), Duration.ofMillis(200)));
  }
}
