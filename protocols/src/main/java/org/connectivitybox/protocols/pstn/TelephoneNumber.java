package org.connectivitybox.protocols.pstn;

import java.util.regex.Pattern;

/**
 * A number the modem can dial: digits with an optional leading {@code +}, and the dial-string
 * characters {@code *}, {@code #} and {@code ,} (a pause, for example after a PBX prefix).
 * 1 to 40 characters, at least one digit.
 */
public record TelephoneNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("(?=.{1,40}$)\\+?[0-9*#,]+");

  /** @throws IllegalArgumentException with a precise message if {@code value} is malformed */
  public TelephoneNumber {
    if (value == null) {
      throw new IllegalArgumentException("telephone number is missing");
    }
    if (!FORMAT.matcher(value).matches() || value.chars().noneMatch(Character::isDigit)) {
      throw new IllegalArgumentException("malformed telephone number '" + value
          + "': use digits, optionally a leading '+', and '*', '#' or ',' (at most 40 characters)");
    }
  }

  public static TelephoneNumber of(String value) {
    return new TelephoneNumber(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
