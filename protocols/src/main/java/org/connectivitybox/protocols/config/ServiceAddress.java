package org.connectivitybox.protocols.config;

import java.util.regex.Pattern;

/**
 * Where a CSS service listens: a DNS name or IP literal and a TCP port, written
 * {@code host:port} (an IPv6 literal in brackets, {@code [::1]:8443}).
 */
public record ServiceAddress(String host, int port) {
  private static final Pattern HOST = Pattern.compile(
      "(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
          + "|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /** @throws IllegalArgumentException if the host is not a DNS name or IP literal, or the port is out of range */
  public ServiceAddress {
    if (host == null || !HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("malformed host name '" + host + "'");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range 1..65535: " + port);
    }
  }

  /** Parses {@code host:port}. */
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
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed port in service address '" + text + "'");
    }
    return new ServiceAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
