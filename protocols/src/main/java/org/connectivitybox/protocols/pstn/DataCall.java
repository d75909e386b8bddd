package org.connectivitybox.protocols.pstn;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The data of one connected call: what the far end sends ({@link #input()}) and a way to send
 * ({@link #output()}).
 *
 * <p>The input ends (read returns -1) when the call ends: NO CARRIER, DCD dropped, or a hang-up.
 * Writing after the end fails with an IOException. A read waits at most the read timeout (in real
 * time; zero, the default, waits until data or the end of the call) and then fails with an
 * {@link InterruptedIOException}.
 */
public final class DataCall {
  private final int rateBps;
  private final Sender sender;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private byte[] head;
  private int headPos;
  private boolean ended;
  private volatile Duration readTimeout = Duration.ZERO;
  private final InputStream input = new CallInput();
  private final OutputStream output = new CallOutput();

  /** How the call's bytes reach the line. */
  interface Sender {
    void send(byte[] bytes) throws IOException;
  }

  DataCall(int rateBps, Sender sender) {
    this.rateBps = rateBps;
    this.sender = sender;
  }

  /** The line rate CONNECT reported, in bit/s; 0 if none was given. */
  public int rateBps() {
    return rateBps;
  }

  public InputStream input() {
    return input;
  }

  public OutputStream output() {
    return output;
  }

  /** Sets how long a read waits for data; zero waits until data or the end of the call. */
  public void readTimeout(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("read timeout must not be negative: " + timeout);
    }
    this.readTimeout = timeout;
  }

  /** Whether the call is still up. */
  public boolean isActive() {
    lock.lock();
    try {
      return !ended;
    } finally {
      lock.unlock();
    }
  }

  void deliver(byte[] bytes) {
    if (bytes.length == 0) {
      return;
    }
    lock.lock();
    try {
      if (!ended) {
        queue.add(bytes);
        arrived.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  void end() {
    lock.lock();
    try {
      ended = true;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private final class CallInput extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      lock.lock();
      try {
        long timeoutNanos = readTimeout.toNanos();
        long deadline = System.nanoTime() + timeoutNanos;
        while (head == null && queue.isEmpty()) {
          if (ended) {
            return -1;
          }
          try {
            if (timeoutNanos == 0) {
              arrived.await();
            } else {
              long left = deadline - System.nanoTime();
              if (left <= 0) {
                throw new InterruptedIOException("no call data within " + readTimeout.toMillis()
                    + " ms");
              }
              arrived.await(left, TimeUnit.NANOSECONDS);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading call data");
          }
        }
        if (head == null) {
          head = queue.poll();
          headPos = 0;
        }
        int n = Math.min(len, head.length - headPos);
        System.arraycopy(head, headPos, b, off, n);
        headPos += n;
        if (headPos == head.length) {
          head = null;
        }
        return n;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public int available() {
      lock.lock();
      try {
        int n = head == null ? 0 : head.length - headPos;
        for (byte[] q : queue) {
          n += q.length;
        }
        return n;
      } finally {
        lock.unlock();
      }
    }
  }

  private final class CallOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!isActive()) {
        throw new IOException("the call has ended");
      }
      sender.send(java.util.Arrays.copyOfRange(b, off, off + len));
    }
  }
}
