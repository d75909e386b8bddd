package org.connectivitybox.firmware.testing;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;

/** Free ports on 127.0.0.1 for the servers a test starts. */
public final class FreePorts {
  private FreePorts() {}

  /** Two consecutive free UDP ports (RADIUS authentication and accounting). */
  public static int udpPair() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket a = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
        int port = a.getLocalPort();
        if (port < 65535) {
          try (DatagramSocket b = new DatagramSocket(port + 1,
              InetAddress.getByName("127.0.0.1"))) {
            return port;
          } catch (SocketException taken) {
            // try another
          }
        }
      }
    }
    throw new IllegalStateException("no two consecutive free UDP ports");
  }
}
