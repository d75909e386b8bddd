package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("SerialNumber")
class SerialNumberTest {

  @ParameterizedTest(name = "\"{0}\" is a serial number")
  @ValueSource(strings = {"A", "7", "CB-2024-000123", "sn.1-x", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ab"})
  void wellFormedSerialsAreAccepted(String value) {
    assertEquals(value, SerialNumber.of(value).value());
    assertEquals(value, SerialNumber.of(value).toString());
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "-123", ".123", "CB 123", "CB_123", "CB/123", "CB@1", "Ä1",
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abc"})
  void malformedSerialsAreRefusedWithTheRule(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SerialNumber.of(value));
    assertTrue(e.getMessage().startsWith("malformed serial number '"), e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "': use 1 to 64 of A-Z, a-z, 0-9, '-' and '.', starting with a letter or digit"));
  }

  @Test
  void aMissingSerialIsRefused() {
    assertEquals("serial number is missing",
        assertThrows(IllegalArgumentException.class, () -> SerialNumber.of(null)).getMessage());
  }

  @Test
  void controlCharactersAreEscapedInTheMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SerialNumber.of("A\n\u0000B"));
    assertTrue(e.getMessage().startsWith("malformed serial number 'A\\u000a\\u0000B'"),
        e.getMessage());
  }

  @Test
  void aVeryLongValueIsCutInTheMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SerialNumber.of("x".repeat(10_000)));
    assertTrue(e.getMessage().length() < 250, e.getMessage());
    assertTrue(e.getMessage().contains("..."));
  }

  @Test
  void serialsCompareByValue() {
    assertTrue(SerialNumber.of("A1").compareTo(SerialNumber.of("A2")) < 0);
    assertEquals(SerialNumber.of("A1"), new SerialNumber("A1"));
  }
}
