package org.connectivitybox.loadgen;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A plain TCP socket that counts the bytes its streams write to and read from the wire into
 * counters it shares with the other sockets of one box.
 *
 * <p>It is made unconnected, as OkHttp wants it; TLS layered over it ({@code
 * SSLSocketFactory.createSocket(socket, host, port, true)}) reads and writes through these
 * streams, so the counts are TLS record bytes, handshake and alerts included. Counting is
 * thread-safe.
 */
final class CountingSocket extends Socket {
  private final AtomicLong sent;
  private final AtomicLong received;
  private final Consumer<Socket> onClose;
  private InputStream in;
  private OutputStream out;

  /**
   * An unconnected socket.
   *
   * @param onClose told once this socket is closed (may be told again on a second close)
   */
  CountingSocket(AtomicLong sent, AtomicLong received, Consumer<Socket> onClose) {
    this.sent = sent;
    this.received = received;
    this.onClose = onClose;
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      onClose.accept(this);
    }
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (in == null) {
      in = new CountingInput(super.getInputStream(), received);
    }
    return in;
  }

  @Override
  public synchronized OutputStream getOutputStream() throws IOException {
    if (out == null) {
      out = new CountingOutput(super.getOutputStream(), sent);
    }
    return out;
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
