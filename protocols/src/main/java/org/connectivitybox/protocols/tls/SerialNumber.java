package org.connectivitybox.protocols.tls;

import java.util.regex.Pattern;

/**
 * A box's serial number, given at the factory and printed on the box.
 *
 * <p>The specification allows "any sequence of characters"; this system restricts it to what can
 * stand unchanged in an X.500 {@code serialNumber} attribute (a PrintableString), in a RADIUS
 * user name {@code serial@config_domain} and as a folder name: 1 to 64 of {@code A-Z a-z 0-9 - .},
 * starting with a letter or digit.
 */
public record SerialNumber(String value) implements Comparable<SerialNumber> {
  private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");

  /** @throws IllegalArgumentException with a precise message if {@code value} is malformed */
  public SerialNumber {
    if (value == null) {
      throw new IllegalArgumentException("serial number is missing");
    }
    if (!FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("malformed serial number '" + printable(value)
          + "': use 1 to 64 of A-Z, a-z, 0-9, '-' and '.', starting with a letter or digit");
    }
  }

  /** Parses a serial number, rejecting a malformed one with a precise message. */
  public static SerialNumber of(String value) {
    return new SerialNumber(value);
  }

  @Override
  public int compareTo(SerialNumber o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c >= 0x20 && c < 0x7F) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
      if (b.length() > 80) {
        return b.append("...").toString();
      }
    }
    return b.toString();
  }
}
