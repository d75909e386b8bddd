package org.connectivitybox.benchmarks;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A connected TCP socket that counts the bytes written to and read from the wire.
 *
 * <p>Layer TLS over it ({@code TlsContext.clientOver(countingSocket, host, port)}) and the counts
 * are TLS record bytes, headers included: exactly the TCP payload that crosses the line (TCP/IP
 * and PPP framing are not included). JSSE reads a record at a time, so after a read returns, the
 * received count covers whole records only.
 *
 * <p>Every socket call is delegated to the wrapped socket; only the two streams are wrapped.
 * Counting is thread-safe; closing this socket closes the wrapped one.
 */
public final class CountingSocket extends Socket {
  private final Socket wire;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private final InputStream in;
  private final OutputStream out;

  /**
   * Wraps an already connected socket.
   *
   * @throws IOException if the socket is not connected or its streams cannot be had
   */
  public CountingSocket(Socket connected) throws IOException {
    if (!connected.isConnected()) {
      throw new SocketException("the socket to count on is not connected");
    }
    this.wire = connected;
    this.in = new CountingInput(connected.getInputStream(), received);
    this.out = new CountingOutput(connected.getOutputStream(), sent);
  }

  /** Bytes written to the wire so far, and bytes read from it. */
  public WireBytes counted() {
    return new WireBytes(sent.get(), received.get());
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() {
    return out;
  }

  @Override
  public void close() throws IOException {
    wire.close();
  }

  @Override
  public boolean isConnected() {
    return wire.isConnected();
  }

  @Override
  public boolean isBound() {
    return wire.isBound();
  }

  @Override
  public boolean isClosed() {
    return wire.isClosed();
  }

  @Override
  public InetAddress getInetAddress() {
    return wire.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return wire.getLocalAddress();
  }

  @Override
  public int getPort() {
    return wire.getPort();
  }

  @Override
  public int getLocalPort() {
    return wire.getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return wire.getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return wire.getLocalSocketAddress();
  }

  @Override
  public void setSoTimeout(int timeout) throws SocketException {
    wire.setSoTimeout(timeout);
  }

  @Override
  public int getSoTimeout() throws SocketException {
    return wire.getSoTimeout();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    wire.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return wire.getTcpNoDelay();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    wire.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws SocketException {
    return wire.getSoLinger();
  }

  @Override
  public void shutdownInput() throws IOException {
    wire.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    wire.shutdownOutput();
  }

  @Override
  public boolean isInputShutdown() {
    return wire.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return wire.isOutputShutdown();
  }

  @Override
  public String toString() {
    return "CountingSocket[" + wire + ", " + counted() + "]";
  }

  private static final class CountingInput extends FilterInputStream {
    private final AtomicLong count;

    CountingInput(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count.addAndGet(Math.max(0, skipped));
      return skipped;
    }
  }

  private static final class CountingOutput extends FilterOutputStream {
    private final AtomicLong count;

    CountingOutput(OutputStream out, AtomicLong count) {
      super(out);
      this.count = count;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len); // FilterOutputStream would write byte by byte
      count.addAndGet(len);
    }
  }
}
