package org.connectivitybox.protocols.pstn;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.connectivitybox.protocols.pstn.Conversation.after;
import static org.connectivitybox.protocols.pstn.Conversation.box;
import static org.connectivitybox.protocols.pstn.Conversation.dcd;
import static org.connectivitybox.protocols.pstn.Conversation.modem;
import static org.connectivitybox.protocols.pstn.Conversation.modemRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Future;
import org.connectivitybox.hal.serial.LineState;
import org.connectivitybox.protocols.pstn.DialOutcome.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialTest extends ScriptedModemTest {

  /** ATDT0800... ──► ; ◄── the refusal (verbose, then numeric) ⇒ the typed outcome. */
  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource({"BUSY, BUSY", "NO DIALTONE, NO_DIALTONE", "NO ANSWER, NO_ANSWER",
      "NO CARRIER, NO_CARRIER", "DELAYED, DELAYED", "BLACKLISTED, BLACKLISTED", "ERROR, ERROR",
      "7, BUSY", "6, NO_DIALTONE", "8, NO_ANSWER", "3, NO_CARRIER", "88, DELAYED",
      "89, BLACKLISTED", "4, ERROR"})
  void everyRefusalIsATypedOutcome(String reply, Kind kind) throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.tone("08005550100"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time, box("ATDT08005550100"),
        Character.isDigit(reply.charAt(0)) ? modemRaw(reply + "\r") : modem(reply));
    assertEquals(DialOutcome.of(kind), result(dial));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  @ParameterizedTest(name = "\"{0}\" connects at {1} bit/s")
  @CsvSource({"CONNECT 33600, 33600", "CONNECT, 0", "CONNECT 2400/ARQ, 2400"})
  void connectCarriesTheRate(String reply, int rate) throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.pulse("0800"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time, box("ATDP0800"), modem(reply));
    assertEquals(new DialOutcome(Kind.CONNECTED, rate), result(dial));
    assertEquals(new ModemEvent.Connected(time.now(), rate), nextEvent());
    assertEquals(ModemState.ONLINE, driver.state());
  }

  @Test
  void aNumericConnectCodeOfTheProfileGivesItsRate() throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.tone("0800"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time, box("ATDT0800"), modemRaw("10\r"));
    assertEquals(new DialOutcome(Kind.CONNECTED, 2400), result(dial));
  }

  /**
   * <pre>
   *   ATDT0800 ──►   (60 s: no result)      ⇒ TIMEOUT
   *   ATH ──────►    (aborts the attempt)
   *       ◄──────    NO CARRIER             ⇒ COMMAND
   * </pre>
   */
  @Test
  void aDialWithoutResultTimesOutAndIsAbandoned() throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.tone("0800"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time, box("ATDT0800"), after(Duration.ofSeconds(60)),
        box("ATH"), modem("NO CARRIER"));
    assertEquals(DialOutcome.of(Kind.TIMEOUT), result(dial));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  /** The abort is ignored too: DTR is dropped for 500 ms. */
  @Test
  void anIgnoredAbortDropsDtr() throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.tone("0800"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time, box("ATDT0800"), after(Duration.ofSeconds(60)),
        box("ATH"), after(Duration.ofSeconds(5)),
        Conversation.dtrDropped(), after(Duration.ofMillis(500)), Conversation.dtrRaised());
    assertEquals(DialOutcome.of(Kind.TIMEOUT), result(dial));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  /** The dial times out, but CONNECT comes in answer to the abort: the call is hung up. */
  @Test
  void aConnectDuringTheAbortIsReportedAndHungUp() throws Exception {
    Future<DialOutcome> dial = async(() -> driver.dial(DialString.tone("0800"),
        Duration.ofSeconds(60)));
    Conversation.play(line, time, box("ATDT0800"), after(Duration.ofSeconds(60)),
        box("ATH"), modem("CONNECT 9600"),
        after(Duration.ofSeconds(1)), Conversation.boxRaw("+++"), modem("OK"),
        box("ATH"), modem("OK"));
    assertEquals(new DialOutcome(Kind.CONNECTED, 9600), result(dial));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  @Test
  void dialingOutsideCommandStateIsRefused() throws Exception {
    connect();
    assertEquals("the modem is ONLINE, not COMMAND", assertThrows(IllegalStateException.class,
        () -> driver.startDial(DialString.tone("1"), Duration.ofSeconds(1))).getMessage());
  }

  /**
   * <pre>
   *   (ONLINE)  "LOGIN u p\r\n" ──►
   *             ◄── "NAP n READY\r\n" (split, with a lone CR that is no report)
   *             ◄── CR LF NO CARRIER CR LF   ⇒ CarrierLost, input ends
   * </pre>
   */
  @Test
  void dataFlowsBothWaysUntilNoCarrier() throws Exception {
    DataCall call = connect();
    call.readTimeout(Duration.ofSeconds(5));
    call.output().write("LOGIN u p\r\n".getBytes(US_ASCII));
    Conversation.play(line, time, Conversation.boxRaw("LOGIN u p\r\n"),
        modemRaw("NAP n RE"), modemRaw("ADY\r"), modemRaw("\nA\rB\r\nNO CAR"), modemRaw("X\r\n"));
    assertEquals("NAP n READY\r\nA\rB\r\nNO CARX\r\n", read(call, 27));
    Conversation.play(line, time, modemRaw("\r\nNO CARRIER\r\n"));
    assertInstanceOf(ModemEvent.CarrierLost.class, nextEvent());
    assertEquals(-1, call.input().read());
    assertFalse(call.isActive());
    assertThrows(IOException.class, () -> call.output().write(1));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  @Test
  void dcdDroppingEndsTheCall() throws Exception {
    DataCall call = connect();
    Conversation.play(line, time, dcd(LineState.ON), modemRaw("x"));
    call.readTimeout(Duration.ofSeconds(5));
    assertEquals('x', call.input().read());
    Conversation.play(line, time, dcd(LineState.OFF));
    assertInstanceOf(ModemEvent.CarrierLost.class, nextEvent());
    assertEquals(-1, call.input().read());
    assertEquals(ModemState.COMMAND, driver.state());
  }

  @Test
  void aReadWithoutDataTimesOut() throws Exception {
    DataCall call = connect();
    call.readTimeout(Duration.ofMillis(50));
    assertThrows(java.io.InterruptedIOException.class, () -> call.input().read());
  }

  /** ◄── RING ; ATA ──► ; ◄── CONNECT 33600 ⇒ ONLINE. */
  @Test
  void aRingingCallIsAnswered() throws Exception {
    Conversation.play(line, time, modem("RING"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    Future<DialOutcome> answer = async(() -> driver.answer(Duration.ofSeconds(30)));
    Conversation.play(line, time, box("ATA"), modem("CONNECT 33600"));
    assertEquals(new DialOutcome(Kind.CONNECTED, 33600), result(answer));
  }

  @Test
  void anAnswerWithoutCarrierIsNoCarrier() throws Exception {
    Future<DialOutcome> answer = async(() -> driver.answer(Duration.ofSeconds(30)));
    Conversation.play(line, time, box("ATA"), modem("NO CARRIER"));
    assertEquals(DialOutcome.of(Kind.NO_CARRIER), result(answer));
    assertEquals(ModemState.COMMAND, driver.state());
  }

  private static String read(DataCall call, int n) throws IOException {
    return new String(call.input().readNBytes(n), US_ASCII);
  }
}
