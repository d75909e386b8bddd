package org.connectivitybox.hal.display;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps Unicode text to the character codes of an HD44780 with ROM A00 (the Japanese standard font
 * of nearly every module sold) plus the {@link CustomGlyph}s in CGRAM, and back.
 *
 * <p>Each code point of the text becomes exactly one cell, in this order of rules:
 *
 * <ol>
 *   <li>printable ASCII {@code U+0020..U+007D} is its own code, except {@code \} (A00 has ¥ there);
 *   <li>the characters ROM A00 has elsewhere: ¥ → → ← ° · ä ß ε µ σ ρ √ ¢ ñ ö θ ∞ Ω ü Σ π ÷ █;
 *   <li>the custom glyphs ✓ (also ✔) ✗ (also ✘) \ …;
 *   <li>typographic stand-ins: ‘ ’ → {@code '}, “ ” → {@code "}, – — → {@code -}, no-break space
 *       and tab → space;
 *   <li>a letter with diacritics that the rules above do not cover loses them (é → e, Ä → A);
 *   <li>anything else, including {@code ~}, control characters and emoji, becomes {@code ?}.
 * </ol>
 *
 * <p>So text never shifts: a string of n code points fills n cells. {@link #render(int)} gives the
 * Unicode character a code shows, which the desktop display uses so that it shows what the board
 * would. Instances are immutable; {@link #A00} is the one the box uses.
 */
public final class LcdCharset {

  /** The code shown for what cannot be shown. */
  public static final int REPLACEMENT = '?';

  /** Characters of ROM A00 outside ASCII, each with its code. */
  private static final int[][] ROM_EXTRAS = {
    {'¥', 0x5C}, {'→', 0x7E}, {'←', 0x7F}, {'·', 0xA5}, {'°', 0xDF}, {'ä', 0xE1}, {'ß', 0xE2},
    {'ε', 0xE3}, {'µ', 0xE4}, {'μ', 0xE4}, {'σ', 0xE5}, {'ρ', 0xE6}, {'√', 0xE8}, {'¢', 0xEC},
    {'ñ', 0xEE}, {'ö', 0xEF}, {'θ', 0xF2}, {'∞', 0xF3}, {'Ω', 0xF4}, {'ü', 0xF5}, {'Σ', 0xF6},
    {'π', 0xF7}, {'÷', 0xFD}, {'█', 0xFF}
  };

  /** ROM A00 with the {@link CustomGlyph}s loaded. */
  public static final LcdCharset A00 = new LcdCharset();

  private final Map<Integer, Integer> toCode = new HashMap<>();
  private final Map<Integer, Integer> toChar = new HashMap<>();

  private LcdCharset() {
    for (int c = 0x20; c <= 0x7D; c++) {
      if (c != '\\') {
        both(c, c);
      }
    }
    for (int[] extra : ROM_EXTRAS) {
      toCode.put(extra[0], extra[1]);
      toChar.putIfAbsent(extra[1], extra[0]);
    }
    for (CustomGlyph g : CustomGlyph.values()) {
      both(g.character(), g.code());
    }
    toCode.put((int) '✔', CustomGlyph.CHECK.code());
    toCode.put((int) '✘', CustomGlyph.CROSS.code());
    for (String pair : new String[] {"‘'", "’'", "“\"", "”\"", "–-", "—-", "\u00A0 ", "\t "}) {
      toCode.put((int) pair.charAt(0), (int) pair.charAt(1));
    }
  }

  private void both(int ch, int code) {
    toCode.put(ch, code);
    toChar.put(code, ch);
  }

  /** The codes of {@code text}, one per code point, by the rules in the class comment. */
  public byte[] encode(String text) {
    int[] points = text.codePoints().toArray();
    byte[] codes = new byte[points.length];
    for (int i = 0; i < points.length; i++) {
      codes[i] = (byte) encode(points[i]);
    }
    return codes;
  }

  /** The code of one code point, by the rules in the class comment. */
  public int encode(int codePoint) {
    Integer code = toCode.get(codePoint);
    if (code != null) {
      return code;
    }
    String stripped =
        Normalizer.normalize(new String(Character.toChars(codePoint)), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "");
    if (stripped.codePointCount(0, stripped.length()) == 1) {
      code = toCode.get(stripped.codePointAt(0));
      if (code != null) {
        return code;
      }
    }
    return REPLACEMENT;
  }

  /** The Unicode character that code {@code code} (0 to 255) shows; {@code ?} if none known. */
  public char render(int code) {
    Integer ch = toChar.get(code & 0xFF);
    return ch == null ? (char) REPLACEMENT : (char) ch.intValue();
  }

  /** What {@code text} looks like on the LCD: {@link #render} of each code of {@link #encode}. */
  public String show(String text) {
    StringBuilder sb = new StringBuilder();
    for (byte b : encode(text)) {
      sb.append(render(b & 0xFF));
    }
    return sb.toString();
  }
}
