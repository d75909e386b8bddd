package org.connectivitybox.protocols.sendreceive;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where a box's data-transfer server listens: the IP address the CSS saw its connection come
 * from and the port it announced in CONNECT.
 *
 * @param ip an IPv4 or IPv6 address
 * @param port 1..65535
 */
public record TransferAddress(InetAddress ip, int port) {
  /** @throws IllegalArgumentException if the port is out of range */
  public TransferAddress {
    Objects.requireNonNull(ip, "ip");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 1..65535");
    }
  }

  /** @throws IllegalArgumentException if {@code ip} is not an IP literal or the port is wrong */
  public static TransferAddress of(String ip, int port) {
    return new TransferAddress(IpLiteral.parse(ip), port);
  }

  @Override
  public String toString() {
    return ip.getHostAddress() + " port " + port;
  }
}
