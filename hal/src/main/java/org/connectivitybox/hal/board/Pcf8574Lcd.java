package org.connectivitybox.hal.board;

import java.io.ByteArrayOutputStream;

/**
 * The bytes a PCF8574 backpack must receive to put one HD44780 instruction or character on the
 * LCD's bus in 4-bit mode: a pure codec, no I/O.
 *
 * <p>Backpack pin map (the usual one): P0 = RS, P1 = R/W (always 0: the box never reads), P2 = E,
 * P3 = backlight transistor, P4–P7 = D4–D7. A nibble is three expander writes: the data with E low
 * (RS and data settle), with E high, and with E low again (the HD44780 latches on the falling
 * edge). A byte is its high nibble, then its low nibble.
 */
final class Pcf8574Lcd {

  static final int RS = 0x01;
  static final int RW = 0x02;
  static final int E = 0x04;
  static final int BACKLIGHT = 0x08;

  private Pcf8574Lcd() {}

  /** The three expander bytes that clock {@code nibble} (0–15) into the LCD. */
  static byte[] nibble(int nibble, boolean registerSelect, boolean backlight) {
    int b = (nibble & 0x0F) << 4 | (registerSelect ? RS : 0) | (backlight ? BACKLIGHT : 0);
    return new byte[] {(byte) b, (byte) (b | E), (byte) b};
  }

  /** The six expander bytes of one instruction ({@code registerSelect} false) or data byte. */
  static byte[] octet(int value, boolean registerSelect, boolean backlight) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(6);
    out.writeBytes(nibble(value >> 4, registerSelect, backlight));
    out.writeBytes(nibble(value, registerSelect, backlight));
    return out.toByteArray();
  }

  /** The bytes of several data bytes (characters or CGRAM rows), one after the other. */
  static byte[] data(byte[] values, boolean backlight) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(values.length * 6);
    for (byte v : values) {
      out.writeBytes(octet(v & 0xFF, true, backlight));
    }
    return out.toByteArray();
  }
}
