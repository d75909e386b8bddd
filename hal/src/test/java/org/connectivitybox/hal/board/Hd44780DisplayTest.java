package org.connectivitybox.hal.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HD44780 driver on Pi4J's mock I2C: the exact expander bytes. Pin map P0=RS, P1=RW, P2=E,
 * P3=backlight, P4-P7=D4-D7, so a nibble n with RS=0 and the backlight on is the three bytes
 * {@code n<<4|0x08}, {@code n<<4|0x0C}, {@code n<<4|0x08}.
 */
class Hd44780DisplayTest {

  private static final String ID = "lcd-1-27";

  private Pi4jBoard board;
  private final List<Duration> pauses = new ArrayList<>();

  @BeforeEach
  void board() {
    board = MockBoards.mock();
  }

  @AfterEach
  void close() {
    board.close();
  }

  private static byte[] hex(String spaced) {
    return HexFormat.of().parseHex(spaced.replace(" ", ""));
  }

  @Test
  void initialisationFollowsTheDatasheetInFourBitMode() throws Exception {
    try (Hd44780Display lcd = Hd44780Display.open(board, Hd44780Config.defaults(), pauses::add)) {
      byte[] bytes = MockBoards.drainI2c(board, ID);
      byte[] expectedStart =
          hex(
              "08" // expander: all low, backlight on
                  + "38 3C 38" // function set 8-bit (nibble 3), E pulsed
                  + "38 3C 38" // again
                  + "38 3C 38" // and again
                  + "28 2C 28" // nibble 2: now 4-bit
                  + "28 2C 28 88 8C 88" // 0x28 function set: 4-bit, 2 lines, 5x8
                  + "08 0C 08 88 8C 88" // 0x08 display off
                  + "08 0C 08 18 1C 18" // 0x01 clear
                  + "08 0C 08 68 6C 68" // 0x06 entry mode: increment, no shift
                  + "48 4C 48 08 0C 08" // 0x40 CGRAM address 0 (the check mark)
                  + "09 0D 09 09 0D 09" // its first row 0x00, RS=1
                  + "09 0D 09 19 1D 19"); // second row 0x01
      assertArrayEquals(expectedStart, java.util.Arrays.copyOf(bytes, expectedStart.length));
      byte[] expectedEnd =
          hex(
              "88 8C 88 08 0C 08" // 0x80 DDRAM address 0
                  + "08 0C 08 C8 CC C8"); // 0x0C display on, cursor off, blink off
      assertArrayEquals(
          expectedEnd,
          java.util.Arrays.copyOfRange(bytes, bytes.length - expectedEnd.length, bytes.length));
      // 1 + 4 nibbles x 3 + 4 instructions x 6 + 4 glyphs x (1 + 8) x 6 + 2 instructions x 6
      assertEquals(1 + 12 + 24 + 4 * 9 * 6 + 12, bytes.length);
      assertEquals(
          List.of(
              Duration.ofMillis(50),
              Duration.ofMillis(5),
              Duration.ofNanos(150_000),
              Duration.ofNanos(150_000),
              Duration.ofNanos(150_000),
              Duration.ofMillis(2)),
          pauses);
    }
  }

  @Test
  void aCharacterIsHighNibbleThenLowNibbleWithRegisterSelectAndBacklight() throws Exception {
    try (Hd44780Display lcd = Hd44780Display.open(board, Hd44780Config.defaults(), pauses::add)) {
      MockBoards.drainI2c(board, ID);
      lcd.writeLine(1, "A");
      byte[] bytes = MockBoards.drainI2c(board, ID);
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      expected.writeBytes(hex("C8 CC C8 08 0C 08")); // 0xC0: DDRAM 0x40, start of row 1
      expected.writeBytes(hex("49 4D 49 19 1D 19")); // 'A' = 0x41, RS=1
      for (int i = 1; i < 16; i++) {
        expected.writeBytes(hex("29 2D 29 09 0D 09")); // ' ' = 0x20 pads the line
      }
      assertEquals(HexFormat.of().formatHex(expected.toByteArray()), HexFormat.of().formatHex(bytes));
    }
  }

  @Test
  void theCheckMarkIsCustomCharacterZeroAndBacklightOffClearsBitThree() throws Exception {
    try (Hd44780Display lcd = Hd44780Display.open(board, Hd44780Config.defaults(), pauses::add)) {
      lcd.setBacklight(false);
      MockBoards.drainI2c(board, ID);
      lcd.writeLine(0, "✓");
      byte[] bytes = MockBoards.drainI2c(board, ID);
      assertArrayEquals(hex("80 84 80 00 04 00" + "01 05 01 01 05 01"),
          java.util.Arrays.copyOf(bytes, 12));
    }
  }

  @Test
  void rowsOfATwentyByFourAreAtTheDatasheetAddresses() throws Exception {
    Hd44780Config config = Hd44780Config.defaults().withGeometry(DisplayGeometry.LCD_20X4);
    try (Hd44780Display lcd = Hd44780Display.open(board, config, pauses::add)) {
      int[] expected = {0x80, 0xC0, 0x94, 0xD4};
      for (int row = 0; row < 4; row++) {
        MockBoards.drainI2c(board, ID);
        lcd.writeLine(row, "x");
        byte[] bytes = MockBoards.drainI2c(board, ID);
        int address = (bytes[1] & 0xF0) | (bytes[4] & 0xF0) >> 4;
        assertEquals(expected[row], address, "row " + row);
      }
    }
  }

  @Test
  void aShownCursorIsRestoredAfterALineIsWritten() throws Exception {
    try (Hd44780Display lcd = Hd44780Display.open(board, Hd44780Config.defaults(), pauses::add)) {
      lcd.showCursor(1, 3);
      byte[] shown = MockBoards.drainI2c(board, ID);
      // DDRAM 0x43, then display on + cursor on (0x0E)
      assertEquals("c8ccc8383c38" + "080c08e8ece8", HexFormat.of().formatHex(shown).substring(
          shown.length * 2 - 24));
      lcd.writeLine(0, "hi");
      byte[] written = MockBoards.drainI2c(board, ID);
      assertEquals("c8ccc8383c38", HexFormat.of().formatHex(written).substring(
          written.length * 2 - 12));
    }
  }

  @Test
  void aRowOutsideTheGlassIsRefused() throws Exception {
    try (Hd44780Display lcd = Hd44780Display.open(board, Hd44780Config.defaults(), pauses::add)) {
      assertThrows(IndexOutOfBoundsException.class, () -> lcd.writeLine(2, "no"));
    }
  }
}
