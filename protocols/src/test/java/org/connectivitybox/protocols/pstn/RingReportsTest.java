package org.connectivitybox.protocols.pstn;

import static org.connectivitybox.protocols.pstn.Conversation.after;
import static org.connectivitybox.protocols.pstn.Conversation.modem;
import static org.connectivitybox.protocols.pstn.Conversation.modemRaw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import org.connectivitybox.protocols.pstn.ModemEvent.CallerId;
import org.connectivitybox.protocols.pstn.ModemEvent.Presentation;
import org.connectivitybox.protocols.pstn.ModemEvent.RingCadence;
import org.junit.jupiter.api.Test;

/** A ringing line as the modem reports it (docs/pstn.md, "Ringing and caller ID"). */
class RingReportsTest extends ScriptedModemTest {

  /**
   * <pre>
   *   ◄── RING                       ⇒ Ring
   *   ◄── DATE = 1125 / TIME = 1412 / NMBR = 08005550100 / NAME = CSS WAKEUP  ⇒ CallerId
   *   ◄── RING                       ⇒ Ring
   * </pre>
   */
  @Test
  void aFormattedCallerIdBetweenTheRings() throws Exception {
    Conversation.play(line, time, modem("RING"), modem("DATE = 1125"), modem("TIME = 1412"),
        modem("NMBR = 08005550100"), modem("NAME = CSS WAKEUP"), modem("RING"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertEquals(new CallerId(time.now(), Presentation.AVAILABLE, "08005550100", "CSS WAKEUP"),
        nextEvent());
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
  }

  /** Without NAME the block ends with the next RING. */
  @Test
  void aBlockWithoutNameEndsAtTheNextRing() throws Exception {
    Conversation.play(line, time, modem("RING"), modemRaw("\r\nDATE=1125\r\n\r\nTIME=14"),
        modemRaw("12\r\n\r\nNMBR = P\r\n"), modem("RING"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertEquals(new CallerId(time.now(), Presentation.WITHHELD, null, null), nextEvent());
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
  }

  /** …or 500 ms after its last field if nothing else comes (a wakeup that rang once). */
  @Test
  void aBlockWithoutNameEndsWhenTheLineGoesQuiet() throws Exception {
    Conversation.play(line, time, modem("RING"), modem("NMBR = O"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertNoEvent();
    Conversation.play(line, time, after(Duration.ofMillis(500)));
    assertEquals(new CallerId(time.now(), Presentation.UNAVAILABLE, null, null), nextEvent());
  }

  @Test
  void aMesgFieldIsReadForWhatItCarries() throws Exception {
    Conversation.play(line, time, modem("NMBR = 0800"), modem("MESG = 080150"), modem("RING"));
    assertEquals(new CallerId(time.now(), Presentation.AVAILABLE, "0800", null), nextEvent());
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
  }

  @Test
  void unformattedSdmfAndMdmfFrames() throws Exception {
    Conversation.play(line, time, modem(CallerIdParserTest.SDMF_EXAMPLE),
        modem(CallerIdParserTest.MDMF_NUMBER_AND_NAME), modem(CallerIdParserTest.MDMF_WITHHELD),
        modem(CallerIdParserTest.MDMF_UNAVAILABLE));
    assertEquals(new CallerId(time.now(), Presentation.AVAILABLE, "6095551212", null), nextEvent());
    assertEquals(new CallerId(time.now(), Presentation.AVAILABLE, "08005550100", "CSS WAKEUP"),
        nextEvent());
    assertEquals(new CallerId(time.now(), Presentation.WITHHELD, null, null), nextEvent());
    assertEquals(new CallerId(time.now(), Presentation.UNAVAILABLE, null, null), nextEvent());
  }

  @Test
  void aFrameWithABadChecksumIsDropped() throws Exception {
    String bad = CallerIdParserTest.MDMF_UNAVAILABLE.replace("85", "86");
    Conversation.play(line, time, modem(bad), modem("RING"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertNoEvent();
  }

  /** DRON=20 / RING / DROF=40 ⇒ RingCadence(2 s on, 4 s off), every ring. */
  @Test
  void distinctiveRingReportsGiveTheCadence() throws Exception {
    Conversation.play(line, time, modem("DRON=20"), modem("RING"), modem("DROF=40"),
        modem("DRON = 5"), modem("RING"), modem("DROF = 10"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertEquals(new RingCadence(time.now(), Duration.ofSeconds(2), Duration.ofSeconds(4)),
        nextEvent());
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertEquals(new RingCadence(time.now(), Duration.ofMillis(500), Duration.ofSeconds(1)),
        nextEvent());
  }

  @Test
  void aFailingListenerDoesNotStopTheReader() throws Exception {
    driver.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });
    Conversation.play(line, time, modem("RING"), modem("garbage \u0001\u0002"), modem("RING"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
  }

  @Test
  void numericRingIsARing() throws Exception {
    Conversation.play(line, time, modemRaw("2\r"));
    assertInstanceOf(ModemEvent.Ring.class, nextEvent());
  }
}
