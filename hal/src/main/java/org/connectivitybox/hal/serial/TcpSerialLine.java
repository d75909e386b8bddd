package org.connectivitybox.hal.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import org.connectivitybox.hal.serial.SerialLineException.Kind;

/**
 * A line of the telephone-network simulator, {@code tcp:HOST:PORT}: the bytes a serial modem would
 * carry, over one TCP connection.
 *
 * <p>No status lines cross TCP, so {@link #status()} is all UNKNOWN and {@link #setRts} is
 * ignored. Dropping DTR closes the connection (the simulator hangs up and resets the modem);
 * raising it again reconnects. While DTR is down, reads and writes fail with CLOSED.
 */
public final class TcpSerialLine implements SerialLine {
  private final String name;
  private final InetSocketAddress address;
  private final Duration connectTimeout;
  private final Object lock = new Object();
  private volatile Socket socket;
  private volatile boolean open = true;

  private TcpSerialLine(String name, InetSocketAddress address, Duration connectTimeout) {
    this.name = name;
    this.address = address;
    this.connectTimeout = connectTimeout;
  }

  /**
   * Connects to {@code spec} ({@code tcp:HOST:PORT}).
   *
   * @throws SerialLineException NOT_FOUND if nothing listens there, IO on other failures
   * @throws IllegalArgumentException if the spec is not {@code tcp:HOST:PORT}
   */
  public static TcpSerialLine open(String spec, SerialSettings settings)
      throws SerialLineException {
    if (!spec.startsWith(SerialLines.TCP_PREFIX)) {
      throw new IllegalArgumentException("not a tcp line spec: " + spec);
    }
    String rest = spec.substring(SerialLines.TCP_PREFIX.length());
    int colon = rest.lastIndexOf(':');
    int port;
    try {
      port = colon > 0 ? Integer.parseInt(rest.substring(colon + 1)) : -1;
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("malformed tcp line spec '" + spec
          + "': use tcp:HOST:PORT with a port 1..65535");
    }
    TcpSerialLine line = new TcpSerialLine(spec,
        InetSocketAddress.createUnresolved(rest.substring(0, colon), port),
        settings.connectTimeout());
    line.connect();
    return line;
  }

  private void connect() throws SerialLineException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(address.getHostString(), address.getPort()),
          (int) connectTimeout.toMillis());
    } catch (ConnectException e) {
      closeQuietly(s);
      throw new SerialLineException(Kind.NOT_FOUND, "no line listening at " + name, e);
    } catch (IOException e) {
      closeQuietly(s);
      throw new SerialLineException(Kind.IO, "cannot connect to " + name + ": " + e.getMessage(),
          e);
    }
    socket = s;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void write(byte[] bytes) throws SerialLineException {
    Socket s = connected();
    try {
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw failure("write to", s, e);
    }
  }

  @Override
  public ReadResult read(int maxBytes, Duration timeout) throws SerialLineException {
    Socket s = connected();
    byte[] buffer = new byte[maxBytes];
    try {
      s.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
      InputStream in = s.getInputStream();
      int n = in.read(buffer);
      if (n < 0) {
        throw new SerialLineException(Kind.CLOSED, "the far end closed " + name);
      }
      return new ReadResult.Data(Arrays.copyOf(buffer, n));
    } catch (SocketTimeoutException e) {
      return new ReadResult.TimedOut(timeout);
    } catch (SerialLineException e) {
      throw e;
    } catch (IOException e) {
      throw failure("read from", s, e);
    }
  }

  @Override
  public ModemStatus status() throws SerialLineException {
    checkOpen();
    return ModemStatus.UNKNOWN;
  }

  @Override
  public void setDtr(boolean on) throws SerialLineException {
    checkOpen();
    synchronized (lock) {
      Socket s = socket;
      if (!on && s != null) {
        socket = null;
        closeQuietly(s);
      } else if (on && s == null) {
        connect();
      }
    }
  }

  @Override
  public void setRts(boolean on) throws SerialLineException {
    checkOpen();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    synchronized (lock) {
      Socket s = socket;
      socket = null;
      if (s != null) {
        closeQuietly(s);
      }
    }
  }

  private Socket connected() throws SerialLineException {
    checkOpen();
    Socket s = socket;
    if (s == null) {
      throw new SerialLineException(Kind.CLOSED, name + " is disconnected (DTR dropped)");
    }
    return s;
  }

  private SerialLineException failure(String what, Socket s, IOException e) {
    Kind kind = !open || s.isClosed() ? Kind.CLOSED : Kind.IO;
    return new SerialLineException(kind, what + " " + name + " failed: " + e.getMessage(), e);
  }

  private void checkOpen() throws SerialLineException {
    if (!open) {
      throw new SerialLineException(Kind.CLOSED, name + " is closed");
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do: the socket is gone either way
    }
  }
}
