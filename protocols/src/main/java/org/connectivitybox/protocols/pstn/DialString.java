package org.connectivitybox.protocols.pstn;

import java.util.Locale;
import java.util.Objects;

/**
 * What follows {@code ATD}: a dial method and the digits, with {@code +} (first only), {@code *},
 * {@code #}, {@code ,} (a 2 s pause) and {@code W} (wait for dial tone); at most 76 characters so
 * that the command fits the modem's 80.
 */
public record DialString(DialMethod method, String digits) {
  /** The longest dial string: 80 characters of command minus {@code ATDT}. */
  public static final int MAX_LENGTH = 76;

  /**
   * Validates the dial string; a lower-case {@code w} is taken as {@code W}.
   *
   * @throws IllegalArgumentException naming the first offending character and its position
   */
  public DialString {
    Objects.requireNonNull(method, "method");
    if (digits == null || digits.isEmpty()) {
      throw new IllegalArgumentException("dial string is empty");
    }
    digits = digits.toUpperCase(Locale.ROOT);
    if (digits.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("dial string is " + digits.length()
          + " characters long; at most " + MAX_LENGTH + " fit a command");
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || c == '*' || c == '#' || c == ',' || c == 'W'
          || (c == '+' && i == 0);
      if (!ok) {
        throw new IllegalArgumentException("dial string '" + digits + "' has '" + c
            + "' at position " + (i + 1) + ": use digits, '+' (first only), '*', '#', ','"
            + " (pause) or 'W' (wait for dial tone)");
      }
    }
    if (digits.chars().noneMatch(Character::isDigit)) {
      throw new IllegalArgumentException("dial string '" + digits + "' has no digit");
    }
  }

  /** Tone dialling of {@code digits}. */
  public static DialString tone(String digits) {
    return new DialString(DialMethod.TONE, digits);
  }

  /** Pulse dialling of {@code digits}. */
  public static DialString pulse(String digits) {
    return new DialString(DialMethod.PULSE, digits);
  }

  /** Tone dialling of a telephone number. */
  public static DialString of(TelephoneNumber number) {
    return tone(number.value());
  }

  /** The dial command without its CR, e.g. {@code ATDT08005550100}. */
  public String command() {
    return "ATD" + method.modifier() + digits;
  }
}
