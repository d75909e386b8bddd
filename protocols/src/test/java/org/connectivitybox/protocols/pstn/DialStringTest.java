package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialStringTest {

  @Test
  void toneAndPulseMakeTheirCommands() {
    assertEquals("ATDT08005550100", DialString.tone("08005550100").command());
    assertEquals("ATDP0W,123", DialString.pulse("0w,123").command());
    assertEquals("ATDT+4930*31#", DialString.of(TelephoneNumber.of("+4930*31#")).command());
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "0800 555|dial string '0800 555' has ' ' at position 5: use digits, '+' (first only), '*',"
          + " '#', ',' (pause) or 'W' (wait for dial tone)",
      "49+30|dial string '49+30' has '+' at position 3: use digits, '+' (first only), '*', '#',"
          + " ',' (pause) or 'W' (wait for dial tone)",
      "0800;|dial string '0800;' has ';' at position 5: use digits, '+' (first only), '*', '#',"
          + " ',' (pause) or 'W' (wait for dial tone)",
      "W,*#|dial string 'W,*#' has no digit"})
  void malformedDialStringsAreRefusedPrecisely(String digits, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class,
        () -> DialString.tone(digits)).getMessage());
  }

  @Test
  void emptyAndOverlongAreRefused() {
    assertEquals("dial string is empty",
        assertThrows(IllegalArgumentException.class, () -> DialString.tone("")).getMessage());
    assertEquals(76, DialString.tone("1".repeat(76)).digits().length());
    assertEquals("dial string is 77 characters long; at most 76 fit a command",
        assertThrows(IllegalArgumentException.class,
            () -> DialString.tone("1".repeat(77))).getMessage());
  }
}
