package org.connectivitybox.pstnsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Ephemeral UDP ports on 127.0.0.1 for servers that must be told their port up front. */
final class FreePorts {
  private FreePorts() {}

  /** A UDP port free a moment ago (the kernel does not hand it out again at once). */
  static int udp() {
    try (DatagramSocket s = new DatagramSocket(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
