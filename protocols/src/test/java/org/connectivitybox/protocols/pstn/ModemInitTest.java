package org.connectivitybox.protocols.pstn;

import static org.connectivitybox.protocols.pstn.Conversation.after;
import static org.connectivitybox.protocols.pstn.Conversation.box;
import static org.connectivitybox.protocols.pstn.Conversation.modem;
import static org.connectivitybox.protocols.pstn.Conversation.modemRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ModemInitTest extends ScriptedModemTest {

  /**
   * <pre>
   *   box                         modem (echo on after ATZ)
   *   ATZ ─────────────────────►
   *       ◄───────────────────── ATZ (echo)  OK
   *   ATE0V1Q0X4&C1&D2S0=0 ────►
   *       ◄───────────────────── ATE0V1Q0X4&C1&D2S0=0 (echo)  OK
   *   AT+VCID=1 ───────────────►
   *       ◄───────────────────── OK
   * </pre>
   */
  @Test
  void theGenericInitEchoedAndAnsweredOk() throws Exception {
    Future<ModemCapabilities> init = async(driver::initialise);
    Conversation.play(line, time,
        box("ATZ"), modemRaw("ATZ\r"), modem("OK"),
        box("ATE0V1Q0X4&C1&D2S0=0"), modemRaw("ATE0V1Q0X4&C1&D2S0=0\r"), modem("OK"),
        box("AT+VCID=1"), modem("OK"));
    assertEquals(new ModemCapabilities(true, false), result(init));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  /** Results split across reads, garbage and blank lines before them, LF-only framing. */
  @Test
  void partialLinesGarbageAndBlankLinesAreTolerated() throws Exception {
    Future<ModemResult> r = async(() -> driver.command("ATI3", Duration.ofSeconds(5)));
    Conversation.play(line, time,
        box("ATI3"),
        modemRaw("\r\n\r\n\u0000\u00ff~~garbage~~\r\nU.S. Robo"),
        modemRaw("tics 56K\r\n\r\nO"), modemRaw("K"), modemRaw("\r\n"));
    assertEquals(ModemResult.of(ResultCode.OK), result(r));

    Future<ModemResult> again = async(() -> driver.command("AT", Duration.ofSeconds(5)));
    Conversation.play(line, time, box("AT"), modemRaw("\nERROR\n"));
    assertEquals(ModemResult.of(ResultCode.ERROR), result(again));
  }

  @Test
  void anOverlongLineIsDroppedAndTheNextOneRead() throws Exception {
    Future<ModemResult> r = async(() -> driver.command("AT", Duration.ofSeconds(5)));
    Conversation.play(line, time, box("AT"), modemRaw("X".repeat(2000)), modem("OK"));
    assertEquals(ModemResult.of(ResultCode.OK), result(r));
  }

  @Test
  void numericResultCodesAreRead() throws Exception {
    Future<ModemResult> r = async(() -> driver.command("ATV0", Duration.ofSeconds(5)));
    Conversation.play(line, time, box("ATV0"), modemRaw("0\r"));
    assertEquals(ModemResult.of(ResultCode.OK), result(r));
    Future<ModemResult> e = async(() -> driver.command("AT+FOO", Duration.ofSeconds(5)));
    Conversation.play(line, time, box("AT+FOO"), modemRaw("4\r"));
    assertEquals(ModemResult.of(ResultCode.ERROR), result(e));
  }

  @Test
  void anInitLineAnsweredErrorFailsWithTheCode() throws Exception {
    Future<ModemCapabilities> init = async(driver::initialise);
    Conversation.play(line, time, box("ATZ"), modem("OK"),
        box("ATE0V1Q0X4&C1&D2S0=0"), modem("ERROR"));
    ModemException e = assertInstanceOf(ModemException.class,
        assertThrows(ExecutionException.class, () -> result(init)).getCause());
    assertEquals(Optional.of(ResultCode.ERROR), e.resultCode());
    assertEquals("ATE0V1Q0X4&C1&D2S0=0 answered ERROR", e.getMessage());
  }

  /** ATZ ──► (silence for the 5 s command timeout) ⇒ ModemException, timed out. */
  @Test
  void anUnansweredInitLineTimesOut() throws Exception {
    Future<ModemCapabilities> init = async(driver::initialise);
    Conversation.play(line, time, box("ATZ"), after(Duration.ofSeconds(5)));
    ModemException e = assertInstanceOf(ModemException.class,
        assertThrows(ExecutionException.class, () -> result(init)).getCause());
    assertTrue(e.timedOut());
    assertEquals(Optional.empty(), e.resultCode());
    assertEquals("no answer to ATZ in 5000 ms", e.getMessage());
  }

  @Test
  void aLateAnswerAfterTheTimeoutIsIgnored() throws Exception {
    Future<ModemResult> r = async(() -> driver.command("AT", Duration.ofSeconds(2)));
    Conversation.play(line, time, box("AT"), after(Duration.ofSeconds(2)));
    assertThrows(ExecutionException.class, () -> result(r));
    line.say("\r\nOK\r\n");
    // Let the reader take the stray OK before the next command (a real modem's late answer
    // racing a new command is ambiguous on the wire; that race is not what this test is about).
    Thread.sleep(100);
    Future<ModemResult> next = async(() -> driver.command("ATI", Duration.ofSeconds(2)));
    Conversation.play(line, time, box("ATI"), modem("ERROR"));
    // The stray OK came before ATI was sent, so ATI gets its own ERROR.
    assertEquals(ModemResult.of(ResultCode.ERROR), result(next));
  }

  @Test
  void callerIdRefusedByTheModemIsWorkedAround() throws Exception {
    Future<ModemCapabilities> init = async(driver::initialise);
    Conversation.play(line, time, box("ATZ"), modem("OK"), box("ATE0V1Q0X4&C1&D2S0=0"),
        modem("OK"), box("AT+VCID=1"), modem("ERROR"));
    assertFalse(result(init).callerId());
  }

  @Test
  void aBrokenLineFailsTheWaitingCommand() throws Exception {
    Future<ModemResult> r = async(() -> driver.command("AT", Duration.ofSeconds(5)));
    Conversation.play(line, time, box("AT"));
    line.breakLine();
    ModemException e = assertInstanceOf(ModemException.class,
        assertThrows(ExecutionException.class, () -> result(r)).getCause());
    assertTrue(e.getMessage().contains("the modem line failed"), e.getMessage());
  }

  @Test
  void commandsAreRefusedOnceClosed() {
    driver.close();
    assertEquals(ModemState.CLOSED, driver.state());
    assertThrows(IllegalStateException.class, () -> driver.command("AT", Duration.ofSeconds(1)));
  }
}

class ConexantInitTest extends ScriptedModemTest {
  @Override
  ModemProfile profile() {
    return ModemProfile.CONEXANT;
  }

  @Test
  void distinctiveRingReportsAreTurnedOn() throws Exception {
    Future<ModemCapabilities> init = async(driver::initialise);
    Conversation.play(line, time, box("ATZ"), modem("OK"), box("ATE0V1Q0X4&C1&D2S0=0"),
        modem("OK"), box("AT+VCID=1"), modem("OK"), box("AT+VDR=1,0"), modem("OK"));
    assertEquals(new ModemCapabilities(true, true), result(init));
  }
}
