package org.connectivitybox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * The byte-counting sockets of a box, against a plain echo peer on loopback.
 *
 * <pre>
 *   BoxSockets (127.100.0.7)                 echo server (127.0.0.1)
 *    |-- 1000 bytes ------------------------->|
 *    |<- 1000 bytes (echo) -------------------|
 * </pre>
 */
class CountingSocketTest {

  @Test
  void bytesWrittenAndReadAreCountedAndTheSocketIsBoundToTheBoxsAddress() throws Exception {
    InetAddress box = Fleet.address(6);
    assertEquals("127.100.0.7", box.getHostAddress());
    BoxSockets sockets = new BoxSockets(box);
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread echo = echo(server);
      try (Socket s = sockets.createSocket()) {
        s.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
        assertEquals(box, s.getLocalAddress());
        OutputStream out = s.getOutputStream();
        out.write(new byte[999]);
        out.write(1);
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1000];
        int got = 0;
        if (in.read() >= 0) {
          got++;
        }
        while (got < 1000) {
          int n = in.read(buf, 0, 1000 - got);
          if (n < 0) {
            break;
          }
          got += n;
        }
        assertEquals(1000, got);
      }
      echo.join(5_000);
    }
    assertEquals(new WireBytes(1000, 1000), sockets.counted());
  }

  @Test
  void abortClosesTheSocketsStillOpenAndABlockedReadFails() throws Exception {
    BoxSockets sockets = new BoxSockets(Fleet.address(0));
    try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Socket s = sockets.createSocket();
      s.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()));
      try (Socket peer = server.accept()) {
        Thread aborter = new Thread(() -> {
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
          sockets.abort();
        });
        aborter.start();
        assertThrows(IOException.class, () -> s.getInputStream().read());
        assertTrue(s.isClosed());
        aborter.join();
      }
    }
  }

  @Test
  void boxAddressesAreDistinctAndAvoidTheCssAndBroadcastLikeOctets() {
    assertEquals("127.100.0.1", Fleet.address(0).getHostAddress());
    assertEquals("127.100.0.250", Fleet.address(249).getHostAddress());
    assertEquals("127.100.1.1", Fleet.address(250).getHostAddress());
    assertEquals("127.101.0.1", Fleet.address(62_500).getHostAddress());
  }

  private static Thread echo(ServerSocket server) {
    Thread t = new Thread(() -> {
      try (Socket peer = server.accept()) {
        byte[] buf = new byte[4096];
        int total = 0;
        InputStream in = peer.getInputStream();
        while (total < 1000) {
          int n = in.read(buf);
          if (n < 0) {
            break;
          }
          peer.getOutputStream().write(buf, 0, n);
          total += n;
        }
        peer.getOutputStream().flush();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    t.start();
    return t;
  }
}
