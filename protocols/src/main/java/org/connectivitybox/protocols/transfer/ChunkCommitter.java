package org.connectivitybox.protocols.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;

/**
 * The receiver's group commit for one connection, on a thread of its own, so that reading the
 * line never waits for the disk: the connection's thread writes each chunk to the partial and
 * hands it over ({@link #written}); this thread adds the chunks to the running SHA-256 of the
 * document, forces the partial (fsync) and only then reports them durable, which sends the
 * cumulative ACK. Chunks handed over while an fsync runs are covered by the next one.
 *
 * <pre>
 *   connection thread:  read CHUNK ─ check ─ write ─ written(c) ─ read CHUNK ─ …
 *                                                        │ (queue: at most the sender's window)
 *   commit thread:                      hash ─ fsync ─ durable(i) → ACK(i) ─ hash ─ fsync ─ …
 * </pre>
 *
 * <p>Failure: an fsync that fails is a {@link StorageException}, one of {@code upTo} a link
 * failure; either stops the thread and is passed to {@link Durable#failed} (which ends the
 * connection), and the connection's thread finds it in {@link #failure()}, at its next {@link
 * #written} or at {@link #finish}. Nothing is reported durable after a failed fsync.
 */
final class ChunkCommitter implements Runnable {

  /** The connection's side, called on the commit thread. */
  interface Durable {
    /**
     * Chunks up to {@code index} are durable: mark them so, and acknowledge them if {@code
     * acknowledge} (not while the connection is being settled after it failed).
     */
    void upTo(int index, boolean acknowledge) throws IOException;

    /**
     * The commit thread failed and stopped; the connection's thread may be blocked reading the
     * line, so this must end the connection (tell the sender, close the socket).
     */
    void failed(IOException e);
  }

  /** Forces what was written to the disk: the partial's fsync. */
  interface Force {
    void force() throws IOException;
  }

  /** The fsync failed: the chunks are not durable. */
  static final class StorageException extends IOException {
    StorageException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final Force partial;
  private final MessageDigest sha256;
  private final Durable durable;
  private final Thread thread;
  private final ArrayDeque<Chunk> pending = new ArrayDeque<>();
  private boolean stopping;
  private boolean abandoned;
  private boolean quiet;
  private IOException failure;

  /**
   * @param partial the fsync of the partial ({@link
   *     org.connectivitybox.protocols.transfer.internal.PartialStore.Partial#force})
   * @param sha256 the digest of the chunks the partial held already (a resume), updated here
   *     with every chunk handed over, in order
   */
  ChunkCommitter(Force partial, MessageDigest sha256, Durable durable,
      String threadName) {
    this.partial = partial;
    this.sha256 = sha256;
    this.durable = durable;
    this.thread = new Thread(this, threadName);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /**
   * Hands over a chunk just written to the partial (in order).
   *
   * @throws IOException the commit thread's failure, if it failed ({@link StorageException}
   *     for the fsync)
   */
  synchronized void written(Chunk c) throws IOException {
    if (failure != null) {
      throw failure;
    }
    pending.add(c);
    notifyAll();
  }

  /**
   * Waits until every chunk handed over is hashed and durable, stops the thread, and returns
   * the SHA-256 of the document's chunks.
   *
   * @throws IOException the commit thread's failure, if it failed
   */
  byte[] finish() throws IOException {
    synchronized (this) {
      stopping = true;
      notifyAll();
    }
    join();
    synchronized (this) {
      if (failure != null) {
        throw failure;
      }
    }
    return sha256.digest();
  }

  /**
   * The connection failed: commits what is pending without acknowledging it, so that what the
   * receiver reports holding is what a resume will find, and stops the thread. Failures here
   * are left for {@link #failure()}.
   */
  void settle() {
    synchronized (this) {
      quiet = true;
      stopping = true;
      notifyAll();
    }
    try {
      join();
    } catch (InterruptedIOException e) {
      // the connection is ending anyway
    }
  }

  /** Stops the thread without committing what is still pending (the connection is ending). */
  void abandon() {
    synchronized (this) {
      abandoned = true;
      stopping = true;
      pending.clear();
      notifyAll();
    }
    try {
      join();
    } catch (InterruptedIOException e) {
      // the connection is ending anyway
    }
  }

  private void join() throws InterruptedIOException {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the commit thread");
    }
  }

  @Override
  public void run() {
    while (true) {
      Chunk[] batch;
      synchronized (this) {
        while (pending.isEmpty() && !stopping) {
          try {
            wait();
          } catch (InterruptedException e) {
            failure = new InterruptedIOException("commit thread interrupted");
            return;
          }
        }
        if (pending.isEmpty()) {
          return;
        }
        batch = pending.toArray(new Chunk[0]);
        pending.clear();
      }
      for (Chunk c : batch) {
        sha256.update(c.data());
      }
      try {
        partial.force();
      } catch (IOException e) {
        fail(new StorageException(e));
        return;
      }
      boolean acknowledge;
      synchronized (this) {
        if (abandoned) {
          return;
        }
        acknowledge = !quiet;
      }
      try {
        durable.upTo(batch[batch.length - 1].index(), acknowledge);
      } catch (IOException e) {
        fail(e);
        return;
      } catch (RuntimeException e) {
        // the session refused (the connection's thread is already failing it): stop quietly
        fail(new IOException(e.getMessage(), e));
        return;
      }
    }
  }

  /** What stopped the commit thread; null while it has not failed. */
  synchronized IOException failure() {
    return failure;
  }

  private void fail(IOException e) {
    synchronized (this) {
      failure = e;
      pending.clear();
      if (abandoned || quiet) {
        return;
      }
    }
    durable.failed(e);
  }
}
