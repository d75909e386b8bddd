package org.connectivitybox.protocols.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Credentials")
class CredentialsTest {

  @Test
  void toStringShowsTheUserButNeverThePassword() {
    String s = new Credentials("box-0001", "s3cret!").toString();
    assertEquals("Credentials[user=box-0001, password=***]", s);
    assertFalse(s.contains("s3cret"));
  }

  @Test
  void emptyOverlongSpacedOrNonAsciiValuesAreRefusedWithoutEchoingThePassword() {
    assertEquals("user name '' must be 1 to 128 characters long (is 0)", assertThrows(
        IllegalArgumentException.class, () -> new Credentials("", "p")).getMessage());
    assertEquals("user name 'a b' must be printable ASCII without spaces (character 2 is not)",
        assertThrows(IllegalArgumentException.class, () -> new Credentials("a b", "p"))
            .getMessage());
    assertEquals("password must be printable ASCII without spaces (character 4 is not)",
        assertThrows(IllegalArgumentException.class, () -> new Credentials("u", "sec ret"))
            .getMessage());
    assertEquals("password must be 1 to 128 characters long (is 129)", assertThrows(
        IllegalArgumentException.class, () -> new Credentials("u", "x".repeat(129)))
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Credentials("u", "pässword"));
    assertEquals(128, new Credentials("u".repeat(128), "~".repeat(128)).user().length());
  }
}
