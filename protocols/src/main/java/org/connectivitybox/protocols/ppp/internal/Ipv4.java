package org.connectivitybox.protocols.ppp.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Dotted-quad IPv4 literals to addresses, without any name lookup. */
public final class Ipv4 {
  private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  /** A dotted quad without leading zeros, as a regular expression. */
  public static final String DOTTED_QUAD = OCTET + "(?:\\." + OCTET + "){3}";
  private static final Pattern FORMAT = Pattern.compile(DOTTED_QUAD);

  private Ipv4() {}

  /** The address written {@code dotted}, or null if it is not a dotted quad. */
  public static InetAddress parse(String dotted) {
    if (!FORMAT.matcher(dotted).matches()) {
      return null;
    }
    String[] p = dotted.split("\\.");
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) Integer.parseInt(p[i]);
    }
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are always an address", e);
    }
  }
}
