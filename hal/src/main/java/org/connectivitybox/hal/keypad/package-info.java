/**
 * The box's keys: a {@link org.connectivitybox.hal.keypad.Keypad} that tells {@link
 * org.connectivitybox.hal.keypad.KeypadListener}s when a {@link org.connectivitybox.hal.keypad.Key}
 * goes down and up.
 *
 * <p>The board's keypad (a GPIO matrix and a SEND button, through Pi4J) is {@code
 * org.connectivitybox.hal.board.GpioMatrixKeypad}; the desktop's is {@link
 * org.connectivitybox.hal.keypad.DesktopKeypad}, which the web panel presses.
 */
package org.connectivitybox.hal.keypad;
