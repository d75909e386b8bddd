package org.connectivitybox.protocols.tls;

import java.util.regex.Pattern;

/**
 * The identifier the CSS gives a subscriber's box at registration (Phase I); named by the CB
 * certificate and used as the caller's identity on every operational transaction.
 *
 * <p>Format: 1 to 64 of {@code A-Z a-z 0-9 - .}, starting with a letter or digit.
 */
public record CbId(String value) implements Comparable<CbId> {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");

  /** @throws IllegalArgumentException with a precise message if {@code value} is malformed */
  public CbId {
    if (value == null) {
      throw new IllegalArgumentException("CB ID is missing");
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed CB ID '" + SerialNumber.printable(value)
          + "': use 1 to 64 of A-Z, a-z, 0-9, '-' and '.', starting with a letter or digit");
    }
  }

  public static CbId of(String value) {
    return new CbId(value);
  }

  @Override
  public int compareTo(CbId o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
