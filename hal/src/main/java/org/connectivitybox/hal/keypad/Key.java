package org.connectivitybox.hal.keypad;

/** A key of the box: the digits, the navigation keys, SEND, and {@code *} {@code #} of a 4×4 pad. */
public enum Key {
  /** Digit 0. */
  DIGIT_0('0'),
  /** Digit 1. */
  DIGIT_1('1'),
  /** Digit 2 (ABC in multi-tap entry). */
  DIGIT_2('2'),
  /** Digit 3 (DEF). */
  DIGIT_3('3'),
  /** Digit 4 (GHI). */
  DIGIT_4('4'),
  /** Digit 5 (JKL). */
  DIGIT_5('5'),
  /** Digit 6 (MNO). */
  DIGIT_6('6'),
  /** Digit 7 (PQRS). */
  DIGIT_7('7'),
  /** Digit 8 (TUV). */
  DIGIT_8('8'),
  /** Digit 9 (WXYZ). */
  DIGIT_9('9'),
  /** Up in a list. */
  UP('U'),
  /** Down in a list. */
  DOWN('D'),
  /** Confirm. */
  OK('O'),
  /** Back, or delete in text entry. */
  BACK('B'),
  /** The SEND button: start sending the page in the scanner. */
  SEND('S'),
  /** {@code *} of a 4×4 matrix. */
  STAR('*'),
  /** {@code #} of a 4×4 matrix. */
  HASH('#');

  private final char symbol;

  Key(char symbol) {
    this.symbol = symbol;
  }

  /** One character that names the key: the digit, {@code *}, {@code #}, or U D O B S. */
  public char symbol() {
    return symbol;
  }

  /** The digit key for {@code digit} 0 to 9. */
  public static Key digit(int digit) {
    if (digit < 0 || digit > 9) {
      throw new IllegalArgumentException("not a digit: " + digit);
    }
    return values()[digit];
  }

  /** Whether this is one of the ten digit keys. */
  public boolean isDigit() {
    return ordinal() <= DIGIT_9.ordinal();
  }
}
