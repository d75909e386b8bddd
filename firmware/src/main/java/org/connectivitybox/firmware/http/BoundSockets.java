package org.connectivitybox.firmware.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Objects;
import javax.net.SocketFactory;

/**
 * Plain sockets bound to the box's address on its current link, so that the CSS and peer boxes
 * see the address the NAP leased (on the desktop each box has its own 127.x address).
 */
public final class BoundSockets extends SocketFactory {
  private final InetAddress local;

  public BoundSockets(InetAddress local) {
    this.local = Objects.requireNonNull(local, "local");
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(local, 0));
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
}
