package org.connectivitybox.protocols.sendreceive;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP address literals without ever asking DNS: a host name is an error. */
final class IpLiteral {
  private static final Pattern V4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private IpLiteral() {}

  /** @throws IllegalArgumentException if {@code s} is not an IPv4 or IPv6 literal */
  static InetAddress parse(String s) {
    if (s == null || !(V4.matcher(s).matches() || V6.matcher(s).matches())) {
      throw new IllegalArgumentException("'" + s + "' is not an IPv4 or IPv6 address");
    }
    try {
      return InetAddress.getByName(s); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + s + "' is not an IPv4 or IPv6 address");
    }
  }
}
