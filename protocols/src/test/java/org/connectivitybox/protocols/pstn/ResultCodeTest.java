package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResultCodeTest {

  @ParameterizedTest(name = "{0} is read from its verbose text and its number")
  @EnumSource(ResultCode.class)
  void everyCodeIsReadVerboseAndNumeric(ResultCode code) {
    assertEquals(Optional.of(ModemResult.of(code)), ResultCode.classify(code.verbose()));
    assertEquals(Optional.of(ModemResult.of(code)),
        ResultCode.classify(String.valueOf(code.numeric())));
  }

  @ParameterizedTest(name = "\"{0}\" is {1} at {2} bit/s")
  @CsvSource({"CONNECT 33600, CONNECT, 33600", "CONNECT 2400/ARQ, CONNECT, 2400",
      "connect 115200 V42BIS, CONNECT, 115200", "'  OK  ', OK, 0", "no carrier, NO_CARRIER, 0",
      "NO DIAL TONE, NO_DIALTONE, 0", "CONNECT, CONNECT, 0"})
  void verboseVariantsAreRead(String line, ResultCode code, int rate) {
    assertEquals(Optional.of(new ModemResult(code, rate)), ResultCode.classify(line));
  }

  @ParameterizedTest(name = "\"{0}\" is no result code")
  @ValueSource(strings = {"", "ATZ", "NMBR = 0800", "OKAY", "CONNECTED", "RINGING", "5", "999",
      "DRON=20", "80100108"})
  void otherLinesAreNone(String line) {
    assertEquals(Optional.empty(), ResultCode.classify(line));
  }

  @Test
  void numericExtrasComeFromTheProfile() {
    Map<Integer, ModemResult> extras = ModemProfile.GENERIC.numericExtras();
    assertEquals(Optional.of(new ModemResult(ResultCode.CONNECT, 2400)),
        ResultCode.classify("10", extras));
    assertEquals(Optional.of(new ModemResult(ResultCode.CONNECT, 1200)),
        ResultCode.classify("5", extras));
    assertEquals(Optional.of(ModemResult.of(ResultCode.BUSY)), ResultCode.classify("7", extras));
  }

  @Test
  void onlyRingIsNotFinal() {
    for (ResultCode c : ResultCode.values()) {
      assertEquals(c != ResultCode.RING, c.isFinal(), c.name());
    }
    assertFalse(ResultCode.RING.isFinal());
    assertTrue(ResultCode.DELAYED.isFinal());
  }

  @Test
  void onlyConnectCarriesARate() {
    assertThrows(IllegalArgumentException.class, () -> new ModemResult(ResultCode.OK, 1));
    assertThrows(IllegalArgumentException.class, () -> new ModemResult(ResultCode.CONNECT, -1));
    assertEquals("CONNECT 33600", new ModemResult(ResultCode.CONNECT, 33600).toString());
    assertEquals("NO CARRIER", ModemResult.of(ResultCode.NO_CARRIER).toString());
  }
}
