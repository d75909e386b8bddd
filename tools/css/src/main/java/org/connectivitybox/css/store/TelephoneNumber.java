package org.connectivitybox.css.store;

import java.util.regex.Pattern;

/**
 * A subscriber's telephone number, the number the call-back signalling server dials to wake the
 * box: 3 to 20 digits, optionally after a leading {@code +} (international form).
 */
public record TelephoneNumber(String value) {
  private static final Pattern FORMAT = Pattern.compile("\\+?[0-9]{3,20}");

  /** @throws IllegalArgumentException with a one-line message if {@code value} is malformed */
  public TelephoneNumber {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed telephone number '" + value
          + "': use 3 to 20 digits, optionally after a leading '+'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
