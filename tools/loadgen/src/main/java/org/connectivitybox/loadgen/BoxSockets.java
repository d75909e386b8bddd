package org.connectivitybox.loadgen;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * The plain-socket factory of one simulated box: every socket is bound to the box's own source
 * address (the CSS records the address a box connects from, and VERIFY checks the sender's) and
 * counts its bytes into the box's {@link #counted() totals}.
 *
 * <p>OkHttp asks only for unconnected sockets ({@link #createSocket()}); the connecting
 * variants are there for other callers and bind the same way. {@link #abort()} closes every
 * socket still open, which makes a call blocked on one of them fail at once.
 */
final class BoxSockets extends SocketFactory {
  private final InetAddress source;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  BoxSockets(InetAddress source) {
    this.source = source;
  }

  /** The box's source address. */
  InetAddress source() {
    return source;
  }

  /** Bytes counted so far on every socket this factory made. */
  WireBytes counted() {
    return new WireBytes(sent.get(), received.get());
  }

  /** Closes the sockets still open (used to end calls in flight at the run's hard deadline). */
  void abort() {
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing to abort: nothing to do about a failure
      }
    }
  }

  @Override
  public Socket createSocket() throws IOException {
    CountingSocket s = new CountingSocket(sent, received, open::remove);
    try {
      s.bind(new InetSocketAddress(source, 0));
    } catch (IOException e) {
      s.close();
      throw new IOException("cannot bind a socket to the box's address " + source.getHostAddress()
          + ": " + e.getMessage(), e);
    }
    open.add(s);
    return s;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  /** Binds to the box's address whatever {@code local} says: the box has one address. */
  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  /** Binds to the box's address whatever {@code local} says: the box has one address. */
  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(host, port));
  }

  private Socket connected(InetSocketAddress peer) throws IOException {
    Socket s = createSocket();
    try {
      s.connect(peer);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }
}
