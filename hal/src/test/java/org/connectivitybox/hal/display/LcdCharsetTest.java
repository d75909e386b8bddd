package org.connectivitybox.hal.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LcdCharsetTest {

  private final LcdCharset a00 = LcdCharset.A00;

  @Test
  void printableAsciiIsItsOwnCode() {
    assertArrayEquals(new byte[] {'S', 'e', 'n', 't', ' ', '2', '/', '3'}, a00.encode("Sent 2/3"));
  }

  @Test
  void checkCrossBackslashAndEllipsisAreTheCustomGlyphs() {
    assertArrayEquals(new byte[] {0, 1, 2, 3, 0, 1}, a00.encode("✓✗\\…✔✘"));
  }

  @Test
  void romA00CharactersOutsideAsciiUseTheirRomCodes() {
    assertArrayEquals(
        new byte[] {(byte) 0xDF, (byte) 0xE1, (byte) 0xF5, 0x7E, 0x5C}, a00.encode("°äü→¥"));
  }

  @Test
  void diacriticsAreDroppedAndTheRestBecomesAQuestionMarkOneCellPerCodePoint() {
    assertEquals("Cafe ?? - ?", a00.show("Café ~😀 – 東"));
    assertEquals(11, a00.encode("Café ~😀 – 東").length);
  }

  @Test
  void renderingShowsWhatTheLcdShows() {
    assertEquals("Sent ✓ \\ Dialling…", a00.show("Sent ✓ \\ Dialling…"));
    assertEquals("¥", a00.show("¥"));
  }
}
