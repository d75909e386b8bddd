package org.connectivitybox.protocols.sendreceive;

import java.util.regex.Pattern;

/**
 * A subscriber's globally-unique CB Name ("jo12345678"), by which a sender names the receiver;
 * the address book pairs it with a CB Friendly Name.
 *
 * <p>Format: 1 to 64 of lower-case {@code a-z 0-9 - .}, starting with a letter or digit, so that
 * a name has one spelling.
 */
public record CbName(String value) {
  private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

  /** @throws IllegalArgumentException if {@code value} is malformed */
  public CbName {
    if (value == null) {
      throw new IllegalArgumentException("CB Name is missing");
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed CB Name '" + value
          + "': use 1 to 64 of a-z, 0-9, '-' and '.', starting with a letter or digit");
    }
  }

  public static CbName of(String value) {
    return new CbName(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
