package org.connectivitybox.protocols.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a CSS service listens: a DNS name or IP literal and a TCP port, written
 * {@code host:port} (an IPv6 literal in brackets, {@code [::1]:8443}).
 */
public record ServiceAddress(String host, int port) {
  private static final Pattern DNS_NAME = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
          + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

  /**
   * @throws IllegalArgumentException if the host is not a DNS name, an IPv4 literal or an IPv6
   *     literal, or the port is out of range
   */
  public ServiceAddress {
    if (host == null || !validHost(host)) {
      throw new IllegalArgumentException("malformed host name '" + host + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range 1..65535: " + port);
    }
  }

  /** Parses {@code host:port} or {@code [ipv6]:port}. */
  public static ServiceAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("service address is missing");
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("malformed service address '" + text + "': use host:port");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
      if (!host.contains(":")) {
        throw new IllegalArgumentException("malformed service address '" + text
            + "': brackets are for IPv6 literals only");
      }
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("malformed service address '" + text
          + "': write an IPv6 literal in brackets, [::1]:8443");
    }
    String digits = text.substring(colon + 1);
    if (!digits.matches("[1-9][0-9]{0,4}")) {
      throw new IllegalArgumentException("malformed port in service address '" + text + "'");
    }
    return new ServiceAddress(host, Integer.parseInt(digits));
  }

  private static boolean validHost(String host) {
    if (host.contains(":")) {
      if (!host.matches("[0-9A-Fa-f:.]{2,45}")) {
        return false;
      }
      try {
        return InetAddress.getByName(host) instanceof Inet6Address; // a literal: no DNS lookup
      } catch (UnknownHostException e) {
        return false;
      }
    }
    if (host.matches("[0-9.]+")) {
      return IPV4.matcher(host).matches();
    }
    return DNS_NAME.matcher(host).matches();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
