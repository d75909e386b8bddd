package org.connectivitybox.firmware.desktop;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The panel's open Server-Sent-Event streams, each with its own queue of encoded events.
 *
 * <p>{@link #publish} never blocks: it runs inside the display's lock (the display tells its
 * listeners under it). A stream whose queue is full belongs to a client that stopped reading; it
 * is ended, and the browser's {@code EventSource} reconnects and starts again from the current
 * state. Thread-safe.
 */
final class EventStreams {

  /** Events a stream may have waiting before its client is taken for gone. */
  static final int QUEUE_CAPACITY = 256;

  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final int maxStreams;
  private boolean closed;

  EventStreams(int maxStreams) {
    this.maxStreams = maxStreams;
  }

  /** A new stream that receives every later event, or {@code null} if at the limit or closed. */
  synchronized Stream open() {
    if (closed || streams.size() >= maxStreams) {
      return null;
    }
    Stream stream = new Stream();
    streams.add(stream);
    return stream;
  }

  /** Forgets {@code stream}; its handler has finished with it. */
  void remove(Stream stream) {
    streams.remove(stream);
  }

  /** Queues {@code event} on every open stream. */
  void publish(String event) {
    for (Stream stream : streams) {
      stream.offer(event);
    }
  }

  /** How many streams are open. */
  int size() {
    return streams.size();
  }

  /** Ends every stream and refuses new ones. */
  synchronized void closeAll() {
    closed = true;
    for (Stream stream : streams) {
      stream.end();
    }
  }

  /** One client's queue of events. */
  static final class Stream {
    /** Queued by {@link #end} to wake the writer; never written. */
    private static final String WAKE_UP = "";

    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean ended;

    /** Queues {@code event}; ends the stream if its client has fallen too far behind. */
    void offer(String event) {
      if (!queue.offer(event)) {
        end();
      }
    }

    /**
     * The next event, or {@code null} if none came within {@code wait} or the stream has ended
     * (see {@link #ended}).
     */
    String next(Duration wait) throws InterruptedException {
      if (ended) {
        return null;
      }
      String event = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
      return ended ? null : event; // WAKE_UP is only queued once ended
    }

    /** Whether the stream was ended: the server closes or the client fell behind. */
    boolean ended() {
      return ended;
    }

    void end() {
      ended = true;
      queue.clear();
      queue.offer(WAKE_UP);
    }
  }
}
