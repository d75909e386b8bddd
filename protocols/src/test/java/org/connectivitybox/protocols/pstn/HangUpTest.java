package org.connectivitybox.protocols.pstn;

import static org.connectivitybox.protocols.pstn.Conversation.after;
import static org.connectivitybox.protocols.pstn.Conversation.box;
import static org.connectivitybox.protocols.pstn.Conversation.boxRaw;
import static org.connectivitybox.protocols.pstn.Conversation.dtrDropped;
import static org.connectivitybox.protocols.pstn.Conversation.dtrRaised;
import static org.connectivitybox.protocols.pstn.Conversation.elapse;
import static org.connectivitybox.protocols.pstn.Conversation.modem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HangUpTest extends ScriptedModemTest {

  /**
   * <pre>
   *   (ONLINE)       1 s of silence (guard before)
   *   +++ ─────────►
   *                  1 s of silence (guard after, kept by the modem)
   *       ◄───────── OK                         ⇒ ONLINE_COMMAND
   *   ATH ─────────►
   *       ◄───────── OK                         ⇒ COMMAND, no CarrierLost
   * </pre>
   */
  @Test
  void hangUpEscapesWithGuardTimesThenSendsAth() throws Exception {
    DataCall call = connect();
    Future<Void> hangUp = async(() -> {
      driver.hangUp();
      return null;
    });
    // after() checks that nothing was sent while the guard timer runs: no +++ before it.
    Conversation.play(line, time, after(Duration.ofSeconds(1)),
        boxRaw("+++"), elapse(Duration.ofSeconds(1)), modem("OK"),
        box("ATH"), modem("OK"));
    result(hangUp);
    assertEquals(ModemState.COMMAND, driver.state());
    assertFalse(call.isActive());
    assertNoEvent();
  }

  /** +++ ──► (no OK within guard + 5 s) ⇒ DTR dropped for 500 ms. */
  @Test
  void anUnansweredEscapeDropsDtr() throws Exception {
    connect();
    Future<Void> hangUp = async(() -> {
      driver.hangUp();
      return null;
    });
    Conversation.play(line, time, after(Duration.ofSeconds(1)), boxRaw("+++"),
        after(Duration.ofSeconds(6)), dtrDropped(), after(Duration.ofMillis(500)), dtrRaised());
    result(hangUp);
    assertEquals(ModemState.COMMAND, driver.state());
  }

  /** ATH answered ERROR ⇒ DTR drop. */
  @Test
  void anAthAnsweredErrorDropsDtr() throws Exception {
    connect();
    Future<Void> hangUp = async(() -> {
      driver.hangUp();
      return null;
    });
    Conversation.play(line, time, after(Duration.ofSeconds(1)), boxRaw("+++"), modem("OK"),
        box("ATH"), modem("ERROR"), dtrDropped(), after(Duration.ofMillis(500)), dtrRaised());
    result(hangUp);
    assertEquals(ModemState.COMMAND, driver.state());
  }

  /** The far end hangs up during the guard time: NO CARRIER, no +++ is sent, no CarrierLost. */
  @Test
  void theFarEndHangingUpDuringTheGuardEndsIt() throws Exception {
    connect();
    Future<Void> hangUp = async(() -> {
      driver.hangUp();
      return null;
    });
    time.awaitTimerWithin(Duration.ofSeconds(1));
    Conversation.play(line, time, modem("NO CARRIER"));
    waitForState(ModemState.COMMAND);
    Conversation.play(line, time, after(Duration.ofSeconds(1)));
    result(hangUp);
    line.assertNothingWritten();
    assertNoEvent();
  }

  @Test
  void aDtrDropThatFailsIsAModemException() throws Exception {
    connect();
    Future<Void> hangUp = async(() -> {
      driver.hangUp();
      return null;
    });
    Conversation.play(line, time, after(Duration.ofSeconds(1)), boxRaw("+++"));
    line.breakLine();
    assertInstanceOf(ModemException.class,
        assertThrows(ExecutionException.class, () -> result(hangUp)).getCause());
  }

  @Test
  void hangingUpWithoutACallDoesNothing() throws Exception {
    driver.hangUp();
    line.assertNothingWritten();
    assertNull(driver.dataCall().orElse(null));
  }

  private void waitForState(ModemState s) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (driver.state() != s && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(s, driver.state());
  }
}
