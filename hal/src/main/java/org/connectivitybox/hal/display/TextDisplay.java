package org.connectivitybox.hal.display;

/**
 * A text LCD: lines of character cells, a cursor that is off unless shown, and a backlight.
 *
 * <p>Text is mapped by {@link LcdCharset#A00}: one code point, one cell; what the LCD cannot show
 * becomes {@code ?}. After opening, the display is clear, the cursor is off and the backlight on.
 *
 * <p>Implementations are safe for use by several threads; each call is applied whole. Failures
 * to reach the device are {@link DisplayException}s; a row or column outside {@link #geometry()}
 * is an {@link IndexOutOfBoundsException}.
 */
public interface TextDisplay extends AutoCloseable {

  /** The size of this display. */
  DisplayGeometry geometry();

  /**
   * Replaces line {@code row} (0 is the top) with {@code text}: cut to the width, padded with
   * spaces. The cursor, if shown, stays where it was.
   */
  void writeLine(int row, String text) throws DisplayException;

  /** Blanks every line. The cursor, if shown, moves to the top-left cell. */
  void clear() throws DisplayException;

  /** Shows an underline cursor at {@code row}, {@code column} (for text entry). */
  void showCursor(int row, int column) throws DisplayException;

  /** Hides the cursor. */
  void hideCursor() throws DisplayException;

  /** Switches the backlight on or off. */
  void setBacklight(boolean on) throws DisplayException;

  /** Releases the device; the text stays on the glass. Closing twice is harmless. */
  @Override
  void close();
}
