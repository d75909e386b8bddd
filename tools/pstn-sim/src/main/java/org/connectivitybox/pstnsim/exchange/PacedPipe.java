package org.connectivitybox.pstnsim.exchange;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * One direction of a connected call: bytes written at any speed come out at no more than the
 * line rate, 8 bits per byte (a V.42 link carries no start and stop bits). A bounded buffer
 * gives the writer flow control, as CTS would. Each chunk is delivered when the last of its bits
 * would have crossed the line, so n bytes take at least n × 8 / rate seconds end to end.
 *
 * <p>Closing discards what is still buffered (carrier is gone) and wakes blocked writers, who
 * then see {@link #write} return false.
 */
final class PacedPipe {
  private static final int CAPACITY = 4096;
  private static final long IDLE_NANOS = 20_000_000L;

  private final int rateBps;
  private final Consumer<byte[]> sink;
  private final Thread pacer;
  private final byte[] buffer = new byte[CAPACITY];
  private int head;
  private int size;
  private boolean closed;
  private boolean started;
  private long delivered;
  private int inFlight;

  PacedPipe(String name, int rateBps, Consumer<byte[]> sink) {
    if (rateBps <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + rateBps);
    }
    this.rateBps = rateBps;
    this.sink = sink;
    this.pacer = new Thread(this::pace, name);
    this.pacer.setDaemon(true);
  }

  /** Starts delivering; bytes written before are kept until then. */
  synchronized void start() {
    if (!started && !closed) {
      started = true;
      pacer.start();
    }
  }

  /**
   * Queues bytes, blocking while the buffer is full.
   *
   * @return false if the pipe was closed before all bytes were queued
   */
  boolean write(byte[] data, int off, int len) throws InterruptedException {
    int i = 0;
    synchronized (this) {
      while (i < len) {
        while (size == CAPACITY && !closed) {
          wait();
        }
        if (closed) {
          return false;
        }
        while (i < len && size < CAPACITY) {
          buffer[(head + size) % CAPACITY] = data[off + i++];
          size++;
        }
        notifyAll();
      }
    }
    return true;
  }

  /** Waits until everything written so far has been delivered, at most {@code timeout}. */
  synchronized boolean drain(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while ((size > 0 || inFlight > 0) && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return size == 0 && inFlight == 0;
  }

  /** Bytes delivered to the far end so far. */
  synchronized long delivered() {
    return delivered;
  }

  void close() {
    synchronized (this) {
      closed = true;
      size = 0;
      notifyAll();
    }
    pacer.interrupt();
  }

  /** Joins the pacing thread (for an orderly shutdown), at most {@code timeout}. */
  void join(Duration timeout) throws InterruptedException {
    if (pacer.isAlive() && Thread.currentThread() != pacer) {
      pacer.join(Math.max(1, timeout.toMillis()));
    }
  }

  private void pace() {
    // A chunk is about 10 ms of line time, at least one byte, so slow lines still trickle.
    int chunkMax = Math.max(1, rateBps / 8 / 100);
    long nextFree = System.nanoTime();
    try {
      while (true) {
        byte[] chunk;
        boolean idle = false;
        synchronized (this) {
          while (size == 0 && !closed) {
            idle = true;
            wait();
          }
          if (closed) {
            return;
          }
          int n = Math.min(size, chunkMax);
          chunk = new byte[n];
          for (int i = 0; i < n; i++) {
            chunk[i] = buffer[(head + i) % CAPACITY];
          }
          head = (head + n) % CAPACITY;
          size -= n;
          inFlight = n;
          notifyAll();
        }
        // A line that stayed busy starts the next chunk where the last one ended, so wake-up
        // latency does not add up; a line that waited for data starts when the data came.
        long now = System.nanoTime();
        long start = idle || now - nextFree > IDLE_NANOS ? Math.max(now, nextFree) : nextFree;
        nextFree = start + chunk.length * 8L * 1_000_000_000L / rateBps;
        long sleep = nextFree - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
        synchronized (this) {
          if (closed) {
            return;
          }
        }
        sink.accept(chunk);
        synchronized (this) {
          delivered += chunk.length;
          inFlight = 0;
          notifyAll();
        }
      }
    } catch (InterruptedException e) {
      // closed: carrier is gone
    }
  }
}
