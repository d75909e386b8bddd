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
 * Not thread-safe: one thread runs a connection.
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

  public State state() {
    return state;
  }

  /** The SETUP; null before it came. */
  public Setup setup() {
    return setup;
  }

  /** The SETUP arrived. */
  public void setup(Setup s) {
    perform(Transition.SETUP);
    this.setup = s;
  }

  /** VERIFY confirmed the set-up. */
  public void confirmed() {
    perform(Transition.CONFIRMED);
  }

  /** A REFUSE was sent. */
  public void refused() {
    perform(Transition.REFUSE);
  }

  /** The transfer got its slot; the partial holds {@code durableChunks} chunks already. */
  public void admitted(int durableChunks) {
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
  public void check(Chunk c) throws MalformedMessageException {
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
  public void written(Chunk c) {
    perform(Transition.CHUNK);
    written++;
    chunkBytesReceived += c.data().length;
  }

  /**
   * Every chunk written is durable now (ACK of the last one may be sent).
   *
   * @return the index of the last durable chunk
   */
  public int durable() {
    perform(Transition.CHUNK);
    received = written;
    return received - 1;
  }

  /**
   * DONE arrived.
   *
   * @throws MalformedMessageException if chunks are missing or the DONE digest is not the
   *     SETUP's
   */
  public void done(byte[] digest) throws MalformedMessageException {
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
  public void completed() {
    perform(Transition.COMPLETE);
  }

  /** The connection failed. Harmless if already ended. */
  public void failed() {
    if (state != State.FAILED && state != State.COMPLETED && state != State.REFUSED) {
      perform(Transition.FAIL);
    }
  }

  /** Chunks held durably. */
  public int chunksReceived() {
    return received;
  }

  /** Document bytes held durably. */
  public long bytesReceived() {
    return setup == null ? 0 : Math.min(setup.totalBytes(), (long) received * setup.chunkSize());
  }

  /** Chunks written, durable or not. */
  public int chunksWritten() {
    return written;
  }

  /** Chunk data bytes received on this connection. */
  public long chunkBytesReceived() {
    return chunkBytesReceived;
  }

  /** The chunk the ACCEPT named; -1 before. */
  public int resumedFrom() {
    return resumedFrom;
  }

  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("receiver: " + t + " is not allowed in state " + state);
    }
    state = t.to;
  }
}
