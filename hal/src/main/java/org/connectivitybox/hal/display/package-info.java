/**
 * The box's text LCD: a {@link org.connectivitybox.hal.display.TextDisplay} of 2×16 or 4×20
 * characters that shows one line at a time, with an optional cursor and a backlight.
 *
 * <p>Text goes through {@link org.connectivitybox.hal.display.LcdCharset}, the character set of an
 * HD44780 with ROM A00 plus four custom characters (✓ ✗ \ …); anything it cannot show becomes
 * {@code ?}, so the board and the desktop show the same thing. The board's driver (HD44780 behind
 * a PCF8574, through Pi4J) is in {@code org.connectivitybox.hal.board}; the desktop's is {@link
 * org.connectivitybox.hal.display.MemoryDisplay}, an in-memory model that a web panel renders.
 */
package org.connectivitybox.hal.display;
