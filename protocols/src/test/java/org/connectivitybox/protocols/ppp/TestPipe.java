package org.connectivitybox.protocols.ppp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One direction of a call's data channel for tests: bytes written come out of {@link #in()}.
 *
 * <p>Unlike {@code PipedInputStream} it does not care which threads read and write, and closing
 * either end wakes a blocked reader (end of stream if the writer closed, an IOException if the
 * reader's end was closed).
 */
final class TestPipe {
  private final ArrayDeque<Byte> bytes = new ArrayDeque<>();
  private boolean writerClosed;
  private boolean readerClosed;

  private final InputStream in = new InputStream() {
    @Override
    public int read() throws IOException {
      synchronized (TestPipe.this) {
        while (bytes.isEmpty() && !writerClosed && !readerClosed) {
          try {
            TestPipe.this.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
          }
        }
        if (readerClosed) {
          throw new IOException("pipe closed by its reader");
        }
        return bytes.isEmpty() ? -1 : bytes.poll() & 0xff;
      }
    }

    @Override
    public void close() {
      synchronized (TestPipe.this) {
        readerClosed = true;
        TestPipe.this.notifyAll();
      }
    }
  };

  private final OutputStream out = new OutputStream() {
    @Override
    public void write(int b) throws IOException {
      synchronized (TestPipe.this) {
        if (writerClosed) {
          throw new IOException("pipe closed");
        }
        if (readerClosed) {
          return; // like a line whose far end is gone: the bytes are lost
        }
        bytes.add((byte) b);
        TestPipe.this.notifyAll();
      }
    }

    @Override
    public void close() {
      synchronized (TestPipe.this) {
        writerClosed = true;
        TestPipe.this.notifyAll();
      }
    }
  };

  InputStream in() {
    return in;
  }

  OutputStream out() {
    return out;
  }

  /** Writes ASCII text (the test's script of the far end). */
  void write(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one line ending in CR LF, waiting at most {@code seconds}; null if none came. */
  String readLine(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    StringBuilder line = new StringBuilder();
    synchronized (this) {
      while (true) {
        while (bytes.isEmpty()) {
          long left = deadline - System.nanoTime();
          if (left <= 0 || writerClosed || readerClosed) {
            return null;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        char c = (char) (bytes.poll() & 0xff);
        line.append(c);
        if (line.length() >= 2 && line.charAt(line.length() - 2) == '\r' && c == '\n') {
          return line.substring(0, line.length() - 2);
        }
      }
    }
  }

  /** Whether the reader's end was closed (the link released the channel). */
  synchronized boolean closedByReader() {
    return readerClosed;
  }

  /** Whether the writer's end was closed. */
  synchronized boolean closedByWriter() {
    return writerClosed;
  }
}
