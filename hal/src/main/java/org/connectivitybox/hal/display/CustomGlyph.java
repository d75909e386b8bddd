package org.connectivitybox.hal.display;

import java.util.List;

/**
 * The characters the box loads into the LCD's character-generator RAM (CGRAM) because ROM A00
 * lacks them: each has a code 0 to 7 and a 5×8 bitmap.
 */
public enum CustomGlyph {
  /** ✓, for "Sent ✓". */
  CHECK('✓', 0, 0b00000, 0b00001, 0b00011, 0b10110, 0b11100, 0b01000, 0b00000, 0b00000),
  /** ✗, for a failure. */
  CROSS('✗', 1, 0b00000, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001, 0b00000, 0b00000),
  /** \, because ROM A00 has ¥ at the ASCII backslash. */
  BACKSLASH('\\', 2, 0b00000, 0b10000, 0b01000, 0b00100, 0b00010, 0b00001, 0b00000, 0b00000),
  /** …, for "Dialling…" in one cell. */
  ELLIPSIS('…', 3, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b00000, 0b10101, 0b00000);

  private final char character;
  private final int code;
  private final int[] rows;

  CustomGlyph(char character, int code, int... rows) {
    this.character = character;
    this.code = code;
    this.rows = rows;
  }

  /** The Unicode character this glyph shows. */
  public char character() {
    return character;
  }

  /** The character code (0 to 7) that shows this glyph once it is loaded into CGRAM. */
  public int code() {
    return code;
  }

  /** The 8 pixel rows, top first; bit 4 is the leftmost of the 5 columns. */
  public List<Integer> bitmap() {
    return java.util.Arrays.stream(rows).boxed().toList();
  }
}
