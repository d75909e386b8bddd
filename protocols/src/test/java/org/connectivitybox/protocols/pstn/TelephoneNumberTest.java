package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("TelephoneNumber")
class TelephoneNumberTest {

  @ParameterizedTest(name = "\"{0}\" can be dialled")
  @ValueSource(strings = {"0", "08001234567", "+4930123456", "0,,08001234567", "*31#0800",
      "+123456789012345678901234567890123456789", "1234567890123456789012345678901234567890"})
  void dialStringsAreAccepted(String value) {
    assertEquals(value, TelephoneNumber.of(value).value());
    assertEquals(value, TelephoneNumber.of(value).toString());
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "+", "*#,", "0800 123", "0800-123", "++49", "49+1", "ATD0800",
      "12345678901234567890123456789012345678901", "+1234567890123456789012345678901234567890"})
  void malformedNumbersAreRefusedWithTheRule(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TelephoneNumber.of(value));
    assertEquals("malformed telephone number '" + value + "': use digits, optionally a leading"
        + " '+', and '*', '#' or ',' (at most 40 characters)", e.getMessage());
  }

  @Test
  void aMissingNumberIsRefused() {
    assertEquals("telephone number is missing",
        assertThrows(IllegalArgumentException.class, () -> TelephoneNumber.of(null)).getMessage());
  }

  @Test
  void fortyCharactersIsTheLimitWithOrWithoutAPlus() {
    assertEquals(40, TelephoneNumber.of("+" + "1".repeat(39)).value().length());
    assertEquals(40, TelephoneNumber.of("1".repeat(40)).value().length());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> TelephoneNumber.of("1".repeat(41))).getMessage().contains("at most 40"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> TelephoneNumber.of("+" + "1".repeat(40))).getMessage().contains("at most 40"));
  }
}
