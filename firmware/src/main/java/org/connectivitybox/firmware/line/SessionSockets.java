package org.connectivitybox.firmware.line;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;

/**
 * The sockets of one session on line. Every socket is bound to the address the NAP leased. On
 * the desktop, where the simulator's NAP hands out a 127.x address and the IP traffic itself
 * crosses loopback, they also stand in for what PPP over the modem does to it: both directions
 * are paced to the call's line rate (a token bucket per direction shared by all the session's
 * sockets), and when the call ends ({@link #kill}) every socket of the session is closed, as a
 * PPP link that goes down takes its connections with it. On the board (pppd) pacing is off: the
 * kernel's ppp0 and the modem do it.
 */
public final class SessionSockets extends SocketFactory {
  private final InetAddress local;
  private final Bucket up;
  private final Bucket down;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean killed;

  /**
   * @param rateBps the call's line rate, bit/s; 0 for no pacing
   */
  public SessionSockets(InetAddress local, int rateBps) {
    this.local = Objects.requireNonNull(local, "local");
    this.up = rateBps > 0 ? new Bucket(rateBps / 8) : null;
    this.down = rateBps > 0 ? new Bucket(rateBps / 8) : null;
  }

  /** The session's address. */
  public InetAddress local() {
    return local;
  }

  /** The call ended: every socket of the session is closed; new ones fail. */
  public void kill() {
    killed = true;
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing for good
      }
    }
    open.clear();
  }

  @Override
  public Socket createSocket() throws IOException {
    if (killed) {
      throw new SocketException("the line is down");
    }
    Socket s = new SessionSocket();
    s.bind(new InetSocketAddress(local, 0));
    open.add(s);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return connected(new InetSocketAddress(address, port));
  }

  private Socket connected(InetSocketAddress to) throws IOException {
    Socket s = createSocket();
    s.connect(to);
    return s;
  }

  /** A plain socket whose streams are paced and which leaves the session when closed. */
  private final class SessionSocket extends Socket {
    @Override
    public InputStream getInputStream() throws IOException {
      InputStream in = super.getInputStream();
      return down == null ? in : new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            down.take(1);
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, Math.min(len, 512));
          if (n > 0) {
            down.take(n);
          }
          return n;
        }
      };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      OutputStream out = super.getOutputStream();
      return up == null ? out : new FilterOutputStream(out) {
        @Override
        public void write(int b) throws IOException {
          up.take(1);
          out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          int done = 0;
          while (done < len) {
            int n = Math.min(512, len - done);
            up.take(n);
            out.write(b, off + done, n);
            done += n;
          }
        }
      };
    }

    @Override
    public synchronized void close() throws IOException {
      open.remove(this);
      super.close();
    }
  }

  /** Bytes per second, with a burst of a tenth of a second. */
  private static final class Bucket {
    private final long perSecond;
    private final long burst;
    private double tokens;
    private long last = System.nanoTime();

    Bucket(long perSecond) {
      this.perSecond = Math.max(1, perSecond);
      this.burst = Math.max(512, perSecond / 10);
      this.tokens = burst;
    }

    synchronized void take(int n) throws IOException {
      while (true) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
        last = now;
        if (tokens >= n) {
          tokens -= n;
          return;
        }
        long waitNanos = (long) ((n - tokens) * 1e9 / perSecond);
        try {
          Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted while pacing to the line rate");
        }
      }
    }
  }
}
