package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("CbId")
class CbIdTest {

  @ParameterizedTest(name = "\"{0}\" is a CB ID")
  @ValueSource(strings = {"1", "cb-000042", "Sub.Scriber-7",
      "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"})
  void wellFormedIdsAreAccepted(String value) {
    assertEquals(value, CbId.of(value).value());
    assertEquals(value, CbId.of(value).toString());
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"", "-cb", ".cb", "cb 1", "cb+1", "cb\t1",
      "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"})
  void malformedIdsAreRefusedWithTheRule(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CbId.of(value));
    assertTrue(e.getMessage().startsWith("malformed CB ID '"), e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "': use 1 to 64 of A-Z, a-z, 0-9, '-' and '.', starting with a letter or digit"));
  }

  @Test
  void aMissingIdIsRefused() {
    assertEquals("CB ID is missing",
        assertThrows(IllegalArgumentException.class, () -> CbId.of(null)).getMessage());
  }

  @Test
  void aTabIsEscapedInTheMessage() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CbId.of("cb\t1"))
        .getMessage().startsWith("malformed CB ID 'cb\\u00091'"));
  }

  @Test
  void idsCompareByValue() {
    assertTrue(CbId.of("a").compareTo(CbId.of("b")) < 0);
  }
}
