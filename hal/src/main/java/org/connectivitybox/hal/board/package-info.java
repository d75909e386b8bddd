/**
 * The board's LCD and keypad through Pi4J: {@link org.connectivitybox.hal.board.Hd44780Display}
 * (an HD44780 behind a PCF8574 I2C backpack) and {@link
 * org.connectivitybox.hal.board.GpioMatrixKeypad} (a GPIO matrix keypad and a SEND button).
 *
 * <p>{@link org.connectivitybox.hal.board.Pi4jBoard} owns the Pi4J context; every Pi4J type stays
 * inside this package, and Pi4J's runtime exceptions become {@link
 * org.connectivitybox.hal.display.DisplayException}s and {@link
 * org.connectivitybox.hal.board.BoardException}s here. Tests build a board on Pi4J's mock plugin.
 */
package org.connectivitybox.hal.board;
