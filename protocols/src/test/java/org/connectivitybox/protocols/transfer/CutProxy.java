package org.connectivitybox.protocols.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that plays a telephone line which drops: it forwards bytes both ways
 * between one client and {@code target}, connecting out from {@code outgoing} (so the receiver
 * sees that address), and closes both sides once {@code cutAfter} bytes went upstream.
 */
final class CutProxy implements Closeable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final InetAddress outgoing;
  private final long cutAfter;
  private final AtomicLong upstream = new AtomicLong();
  private volatile Socket client;
  private volatile Socket onward;

  CutProxy(InetSocketAddress target, InetAddress outgoing, long cutAfter) throws IOException {
    this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    this.target = target;
    this.outgoing = outgoing;
    this.cutAfter = cutAfter;
    Thread t = new Thread(this::serve, "cut-proxy");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Bytes forwarded client → target. */
  long upstreamBytes() {
    return upstream.get();
  }

  private void serve() {
    try {
      client = server.accept();
      onward = new Socket();
      onward.bind(new InetSocketAddress(outgoing, 0));
      onward.connect(target);
      Thread down = new Thread(() -> pump(onward, client, false), "cut-proxy-down");
      down.setDaemon(true);
      down.start();
      pump(client, onward, true);
    } catch (IOException e) {
      // closed
    } finally {
      cut();
    }
  }

  private void pump(Socket from, Socket to, boolean counted) {
    byte[] buf = new byte[4096];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      while (true) {
        int max = buf.length;
        if (counted) {
          long left = cutAfter - upstream.get();
          if (left <= 0) {
            break;
          }
          max = (int) Math.min(max, left);
        }
        int n = in.read(buf, 0, max);
        if (n < 0) {
          break;
        }
        out.write(buf, 0, n);
        out.flush();
        if (counted) {
          upstream.addAndGet(n);
        }
      }
    } catch (IOException e) {
      // one side went away
    }
    cut();
  }

  /** Drops the line: both sockets closed at once. */
  void cut() {
    TransferSender.closeQuietly(client);
    TransferSender.closeQuietly(onward);
  }

  @Override
  public void close() throws IOException {
    cut();
    server.close();
  }
}
