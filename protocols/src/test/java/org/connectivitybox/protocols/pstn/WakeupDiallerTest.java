package org.connectivitybox.protocols.pstn;

import static org.connectivitybox.protocols.pstn.Conversation.after;
import static org.connectivitybox.protocols.pstn.Conversation.box;
import static org.connectivitybox.protocols.pstn.Conversation.boxRaw;
import static org.connectivitybox.protocols.pstn.Conversation.modem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CSS's call-back signalling server placing wakeup calls: 2 rings of 6 s. */
class WakeupDiallerTest extends ScriptedModemTest {
  private static final DialString BOX_B = DialString.tone("01632960123");

  private Future<WakeupOutcome> wakeUp() {
    WakeupDialler dialler = new WakeupDialler(driver, time, 2, WakeupDialler.DEFAULT_CYCLE);
    return async(() -> dialler.wakeUp(BOX_B));
  }

  /**
   * <pre>
   *   ATDT01632960123 ──►   (the line rings: 2 × 6 s, no result)
   *   ATH ──────────────►   (abort before anyone can answer)
   *       ◄──────────────   NO CARRIER                     ⇒ RANG
   * </pre>
   */
  @Test
  void itRingsTwoCyclesAndIsAbandoned() throws Exception {
    Future<WakeupOutcome> outcome = wakeUp();
    Conversation.play(line, time, box("ATDT01632960123"), after(Duration.ofSeconds(12)), box("ATH"), modem("NO CARRIER"));
    assertEquals(WakeupOutcome.RANG, result(outcome));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  /** The box (or a person) answers: CONNECT ⇒ hang up at once ⇒ ANSWERED. */
  @Test
  void anAnsweredWakeupIsHungUpAtOnce() throws Exception {
    Future<WakeupOutcome> outcome = wakeUp();
    Conversation.play(line, time, box("ATDT01632960123"), modem("CONNECT 33600"),
        after(Duration.ofSeconds(1)), boxRaw("+++"), modem("OK"), box("ATH"), modem("OK"));
    assertEquals(WakeupOutcome.ANSWERED, result(outcome));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"BUSY, BUSY", "NO DIALTONE, NO_DIALTONE", "DELAYED, DELAYED",
      "BLACKLISTED, BLACKLISTED", "ERROR, NO_LINE", "NO ANSWER, RANG"})
  void refusalsAreReported(String reply, WakeupOutcome expected) throws Exception {
    Future<WakeupOutcome> outcome = wakeUp();
    Conversation.play(line, time, box("ATDT01632960123"), modem(reply));
    assertEquals(expected, result(outcome));
  }

  @Test
  void noCarrierBeforeARingCycleIsNoLineAndAfterOneIsRang() throws Exception {
    Future<WakeupOutcome> early = wakeUp();
    Conversation.play(line, time, box("ATDT01632960123"), modem("NO CARRIER"));
    assertEquals(WakeupOutcome.NO_LINE, result(early));
    Future<WakeupOutcome> late = wakeUp();
    Conversation.play(line, time, box("ATDT01632960123"),
        Conversation.elapse(Duration.ofSeconds(7)),
        modem("NO CARRIER"));
    assertEquals(WakeupOutcome.RANG, result(late));
  }

  /** No answer even to the abort, and DTR cannot be dropped: the line is unusable. */
  @Test
  void aDeadModemIsNoLine() throws Exception {
    Future<WakeupOutcome> outcome = wakeUp();
    Conversation.play(line, time, box("ATDT01632960123"), after(Duration.ofSeconds(12)),
        box("ATH"));
    line.breakLine();
    assertEquals(WakeupOutcome.NO_LINE, result(outcome));
  }

  @Test
  void aBrokenLineIsNoLine() throws Exception {
    line.breakLine();
    assertEquals(WakeupOutcome.NO_LINE, result(wakeUp()));
  }

  @Test
  void ringsAndCycleAreBounded() {
    assertThrows(IllegalArgumentException.class,
        () -> new WakeupDialler(driver, time, 0, Duration.ofSeconds(6)));
    assertThrows(IllegalArgumentException.class,
        () -> new WakeupDialler(driver, time, 2, Duration.ofMillis(10)));
    assertEquals(Duration.ofSeconds(18),
        new WakeupDialler(driver, time, 3, Duration.ofSeconds(6)).ringingTime());
  }
}
