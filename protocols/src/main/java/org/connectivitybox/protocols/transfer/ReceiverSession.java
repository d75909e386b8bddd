package org.connectivitybox.protocols.transfer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;

/**
 * The receiver's state machine of one transfer connection. Pure: {@link TransferReceiver} does
 * the I/O, the VERIFY and the storing.
 *
 * <p>Allowed transitions; any other event throws {@link IllegalStateException} naming the event
 * and the current state (the receiver answers FAILED / PROTOCOL_ERROR and closes):
 * <pre>
 *   AWAITING_SETUP ──SETUP──────────────────────▶ VERIFYING   (VERIFY with the CSS)
 *   VERIFYING ──confirmed────────────────────────▶ QUEUED      (passed at once if a slot is free)
 *   VERIFYING, QUEUED ──refused / busy / failed──▶ REFUSED     (REFUSE sent, no data read)
 *   QUEUED ──slot free, partial opened───────────▶ RECEIVING   (ACCEPT(next) sent)
 *   RECEIVING ──CHUNK(next), written─────────────▶ RECEIVING
 *   RECEIVING ──written chunks forced to disk────▶ RECEIVING   (ACK of the last one sent)
 *   RECEIVING ──DONE after the last chunk────────▶ CHECKING    (digest checked)
 *   CHECKING ──digest matches, document handed over──▶ COMPLETED (COMPLETE sent)
 *   any but COMPLETED, REFUSED ──bad frame, timeout, I/O error, digest mismatch──▶ FAILED
 * </pre>
 * Thread-safe (every method is synchronized): the connection's thread reads and writes chunks
 * while the receiver's commit thread marks them durable.
 */
public final class ReceiverSession {

  /** The states of a receiver's connection. */
  public enum State {
    AWAITING_SETUP, VERIFYING, QUEUED, RECEIVING, CHECKING, COMPLETED, REFUSED, FAILED
  }

  private enum Transition {
    SETUP(State.VERIFYING, State.AWAITING_SETUP),
    CONFIRMED(State.QUEUED, State.VERIFYING),
    REFUSE(State.REFUSED, State.VERIFYING, State.QUEUED),
    ADMIT(State.RECEIVING, State.QUEUED),
    CHUNK(State.RECEIVING, State.RECEIVING),
    DONE(State.CHECKING, State.RECEIVING),
    COMPLETE(State.COMPLETED, State.CHECKING),
    FAIL(State.FAILED, State.AWAITING_SETUP, State.VERIFYING, State.QUEUED, State.RECEIVING,
        State.CHECKING);

    final State to;
    final Set<State> from;

    Transition(State to, State first, State... rest) {
      this.to = to;
      this.from = EnumSet.of(first, rest);
    }
  }

  private State state = State.AWAITING_SETUP;
  private Setup setup;
  private int received;
  private int written;
  private int resumedFrom = -1;
  private long chunkBytesReceived;

  public synchronized State state() {
    return state;
  }

  /** The SETUP; null before it came. */
  public synchronized Setup setup() {
    return setup;
  }

  /** The SETUP arrived. */
  public synchronized void setup(Setup s) {
    perform(Transition.SETUP);
    this.setup = s;
  }

  /** VERIFY confirmed the set-up. */
  public synchronized void confirmed() {
    perform(Transition.CONFIRMED);
  }

  /** A REFUSE was sent. */
  public synchronized void refused() {
    perform(Transition.REFUSE);
  }

  /** The transfer got its slot; the partial holds {@code durableChunks} chunks already. */
  public synchronized void admitted(int durableChunks) {
    if (durableChunks < 0 || durableChunks > setup.chunkCount()) {
      throw new IllegalArgumentException("durable chunks " + durableChunks + " outside 0.."
          + setup.chunkCount());
    }
    perform(Transition.ADMIT);
    received = durableChunks;
    written = durableChunks;
    resumedFrom = durableChunks;
  }

  /**
   * Checks that {@code c} is the chunk expected next, with the right length.
   *
   * @throws MalformedMessageException if it is another chunk, or has the wrong length
   */
  public synchronized void check(Chunk c) throws MalformedMessageException {
    perform(Transition.CHUNK);
    if (c.index() != written) {
      throw new MalformedMessageException("CHUNK: index " + c.index() + " where chunk "
          + written + " is expected");
    }
    if (c.data().length != setup.chunkLength(c.index())) {
      throw new MalformedMessageException("CHUNK " + c.index() + ": " + c.data().length
          + " bytes where the SETUP gives " + setup.chunkLength(c.index()));
    }
  }

  /** The checked chunk is written to the partial (not yet durable). */
  public synchronized void written(Chunk c) {
    perform(Transition.CHUNK);
    written++;
    chunkBytesReceived += c.data().length;
  }

  /**
   * Every chunk written is durable now (ACK of the last one may be sent).
   *
   * @return the index of the last durable chunk
   */
  public synchronized int durable() {
    perform(Transition.CHUNK);
    received = written;
    return received - 1;
  }

  /**
   * Chunks up to {@code index} are durable now (ACK({@code index}) may be sent); chunks written
   * after them are not yet.
   *
   * @return {@code index}
   * @throws IllegalArgumentException if {@code index} is not written or is below what was durable
   */
  public synchronized int durable(int index) {
    perform(Transition.CHUNK);
    if (index >= written || index < received - 1) {
      throw new IllegalArgumentException("chunk " + index + " cannot become durable: "
          + written + " written, " + received + " durable");
    }
    received = index + 1;
    return index;
  }

  /**
   * DONE arrived.
   *
   * @throws MalformedMessageException if chunks are missing or the DONE digest is not the
   *     SETUP's
   */
  public synchronized void done(byte[] digest) throws MalformedMessageException {
    perform(Transition.DONE);
    if (received != setup.chunkCount()) {
      throw new MalformedMessageException("DONE after " + received + " of "
          + setup.chunkCount() + " chunks");
    }
    if (!Arrays.equals(digest, setup.digest())) {
      throw new MalformedMessageException("DONE: the digest is not the SETUP's");
    }
  }

  /** The document was checked and handed over. */
  public synchronized void completed() {
    perform(Transition.COMPLETE);
  }

  /** The connection failed. Harmless if already ended. */
  public synchronized void failed() {
    if (state != State.FAILED && state != State.COMPLETED && state != State.REFUSED) {
      perform(Transition.FAIL);
    }
  }

  /** Chunks held durably. */
  public synchronized int chunksReceived() {
    return received;
  }

  /** Document bytes held durably. */
  public synchronized long bytesReceived() {
    return setup == null ? 0 : Math.min(setup.totalBytes(), (long) received * setup.chunkSize());
  }

  /** Chunks written, durable or not. */
  public synchronized int chunksWritten() {
    return written;
  }

  /** Chunk data bytes received on this connection. */
  public synchronized long chunkBytesReceived() {
    return chunkBytesReceived;
  }

  /** The chunk the ACCEPT named; -1 before. */
  public synchronized int resumedFrom() {
    return resumedFrom;
  }

  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("receiver: " + t + " is not allowed in state " + state);
    }
    state = t.to;
  }
}
