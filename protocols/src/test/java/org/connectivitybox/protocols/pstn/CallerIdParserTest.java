package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.connectivitybox.protocols.pstn.CallerIdParser.Field;
import org.connectivitybox.protocols.pstn.ModemEvent.Presentation;
import org.junit.jupiter.api.Test;

class CallerIdParserTest {
  /** The Bellcore GR-30 SDMF example: 30 Sep 12:24, 6095551212. */
  static final String SDMF_EXAMPLE = "041230393330313232343630393535353132313251";
  /** MDMF: 25 Nov 14:12, 08005550100, name CSS WAKEUP. */
  static final String MDMF_NUMBER_AND_NAME =
      "802301083131323531343132020B3038303035353530313030070A4353532057414B455550A7";
  /** MDMF: number and name withheld (reason P). */
  static final String MDMF_WITHHELD = "80100108313132353134313204015008015028";
  /** MDMF: number unavailable (reason O). */
  static final String MDMF_UNAVAILABLE = "800D0108313132353134313204014F85";

  @Test
  void aFormattedBlockGivesNumberNameAndTime() {
    assertEquals(new CallerIdBlock("11251412", Presentation.AVAILABLE, "08005550100", "CSS WAKEUP"),
        block("DATE = 1125", "TIME = 1412", "NMBR = 08005550100", "NAME = CSS WAKEUP"));
  }

  @Test
  void spacesAroundTheEqualsSignAndCaseDoNotMatter() {
    assertEquals(Optional.of(new Field("NMBR", "0800")), CallerIdParser.field("nmbr=0800"));
    assertEquals(Optional.of(new Field("NAME", "A B")), CallerIdParser.field("  NAME   =  A B  "));
    assertEquals(Optional.of(new Field("NMBR", "0800")), CallerIdParser.field("DDN_NMBR= 0800"));
    assertEquals(Optional.empty(), CallerIdParser.field("RING"));
    assertEquals(Optional.empty(), CallerIdParser.field("NUMBER = 0800"));
  }

  @Test
  void withheldAndUnavailableNumbers() {
    assertEquals(new CallerIdBlock("11251412", Presentation.WITHHELD, null, null),
        block("DATE = 1125", "TIME = 1412", "NMBR = P"));
    assertEquals(new CallerIdBlock(null, Presentation.UNAVAILABLE, null, null),
        block("NMBR = O"));
  }

  @Test
  void missingFieldsAreNull() {
    assertEquals(new CallerIdBlock(null, Presentation.AVAILABLE, "0800", null), block("NMBR=0800"));
    assertEquals(new CallerIdBlock("1125", Presentation.UNAVAILABLE, null, null),
        block("DATE = 1125"));
  }

  @Test
  void aMesgWithMdmfParametersFillsIn() {
    // 08 01 50: name absent, reason P; 02 04 "0800": the number.
    assertEquals(new CallerIdBlock(null, Presentation.AVAILABLE, "0800", null),
        block("MESG = 080150", "MESG = 020430383030"));
    assertEquals(new CallerIdBlock(null, Presentation.AVAILABLE, "0800", null),
        block("NMBR = 0800", "MESG = not hex at all"));
  }

  @Test
  void anSdmfFrameIsDecoded() throws Exception {
    assertTrue(CallerIdParser.isFrame(SDMF_EXAMPLE));
    assertEquals(new CallerIdBlock("09301224", Presentation.AVAILABLE, "6095551212", null),
        CallerIdParser.frame(SDMF_EXAMPLE));
  }

  @Test
  void mdmfFramesAreDecoded() throws Exception {
    assertEquals(new CallerIdBlock("11251412", Presentation.AVAILABLE, "08005550100", "CSS WAKEUP"),
        CallerIdParser.frame(MDMF_NUMBER_AND_NAME));
    assertEquals(new CallerIdBlock("11251412", Presentation.WITHHELD, null, null),
        CallerIdParser.frame(MDMF_WITHHELD.toLowerCase()));
    assertEquals(new CallerIdBlock("11251412", Presentation.UNAVAILABLE, null, null),
        CallerIdParser.frame(MDMF_UNAVAILABLE));
  }

  @Test
  void aBadChecksumIsRefused() {
    String bad = MDMF_NUMBER_AND_NAME.substring(0, MDMF_NUMBER_AND_NAME.length() - 2) + "A8";
    assertEquals("caller-ID frame checksum is wrong: bytes sum to 0x01, not 0",
        assertThrows(MalformedCallerIdException.class, () -> CallerIdParser.frame(bad))
            .getMessage());
  }

  @Test
  void aWrongLengthOrTruncatedParameterIsRefused() {
    assertTrue(assertThrows(MalformedCallerIdException.class,
        () -> CallerIdParser.frame("800D0108313132")).getMessage().contains("says 13 bytes"));
    // MDMF with a parameter claiming 9 bytes where 1 is left; checksum made to fit.
    assertTrue(assertThrows(MalformedCallerIdException.class,
        () -> CallerIdParser.frame("800302094F23")).getMessage().contains("runs past the end"));
    assertThrows(MalformedCallerIdException.class, () -> CallerIdParser.frame("04zz"));
  }

  @Test
  void onlyHexLinesOfTheTwoTypesLookLikeFrames() {
    Stream.of("0", "04", "OK", "8010zz", "0512345678", "NMBR = 0800", "801")
        .forEach(s -> assertFalse(CallerIdParser.isFrame(s), s));
  }

  private static CallerIdBlock block(String... lines) {
    List<Field> fields =
        Stream.of(lines).map(CallerIdParser::field).map(Optional::orElseThrow).toList();
    return CallerIdParser.fromFields(fields);
  }
}
