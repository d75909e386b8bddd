package org.connectivitybox.protocols.transfer;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;

/**
 * The sender's state machine of one transfer connection: which frames it may send and accept
 * now, and how far the document has gone. Pure: {@link TransferSender} does the I/O.
 *
 * <p>Allowed transitions; any other event throws {@link IllegalStateException} naming the event
 * and the current state (the sender turns that into a PROTOCOL_ERROR failure):
 * <pre>
 *   CONNECTING ──TLS up, SETUP sent──────────▶ SETTING_UP
 *   SETTING_UP, QUEUED ──WAIT──────────────────▶ QUEUED
 *   SETTING_UP, QUEUED ──ACCEPT(next)──────────▶ SENDING     (resume from chunk next)
 *   SETTING_UP, QUEUED ──REFUSE────────────────▶ REFUSED
 *   SENDING ──CHUNK sent, ACK received─────────▶ SENDING
 *   SENDING ──every chunk acknowledged, DONE sent─▶ FINISHING
 *   FINISHING ──COMPLETE───────────────────────▶ COMPLETED
 *   any but COMPLETED, REFUSED ──FAILED received, timeout, I/O error, bad frame──▶ FAILED
 * </pre>
 * At most {@code window} chunks are unacknowledged at a time. Not thread-safe: one thread runs a
 * connection.
 */
public final class SenderSession {

  /** The states of a sender's connection. */
  public enum State { CONNECTING, SETTING_UP, QUEUED, SENDING, FINISHING, COMPLETED, REFUSED, FAILED }

  private enum Transition {
    CONNECTED(State.SETTING_UP, State.CONNECTING),
    WAIT(State.QUEUED, State.SETTING_UP, State.QUEUED),
    ACCEPT(State.SENDING, State.SETTING_UP, State.QUEUED),
    REFUSE(State.REFUSED, State.SETTING_UP, State.QUEUED),
    CHUNK_SENT(State.SENDING, State.SENDING),
    ACK(State.SENDING, State.SENDING),
    DONE_SENT(State.FINISHING, State.SENDING),
    COMPLETE(State.COMPLETED, State.FINISHING),
    FAIL(State.FAILED, State.CONNECTING, State.SETTING_UP, State.QUEUED, State.SENDING,
        State.FINISHING);

    final State to;
    final Set<State> from;

    Transition(State to, State first, State... rest) {
      this.to = to;
      this.from = EnumSet.of(first, rest);
    }
  }

  private final Setup setup;
  private final int window;
  private State state = State.CONNECTING;
  private int resumedFrom = -1;
  private int next;
  private int acknowledged;
  private long chunkBytesSent;

  /** @throws IllegalArgumentException if the window is below 1 */
  public SenderSession(Setup setup, int window) {
    this.setup = Objects.requireNonNull(setup, "setup");
    if (window < 1) {
      throw new IllegalArgumentException("window " + window + " is below 1");
    }
    this.window = window;
  }

  public State state() {
    return state;
  }

  public Setup setup() {
    return setup;
  }

  /** TLS is up and the SETUP was sent. */
  public void connected() {
    perform(Transition.CONNECTED);
  }

  /** The receiver queued the transfer. */
  public void queued() {
    perform(Transition.WAIT);
  }

  /**
   * The receiver accepted, starting from chunk {@code nextChunk}.
   *
   * @throws MalformedMessageException if {@code nextChunk} is beyond the last chunk
   */
  public void accepted(int nextChunk) throws MalformedMessageException {
    if (nextChunk > setup.chunkCount()) {
      throw new MalformedMessageException("ACCEPT: next chunk " + nextChunk + " is beyond the "
          + setup.chunkCount() + " chunks of the document");
    }
    perform(Transition.ACCEPT);
    resumedFrom = nextChunk;
    next = nextChunk;
    acknowledged = nextChunk;
  }

  /** The receiver refused. */
  public void refused() {
    perform(Transition.REFUSE);
  }

  /** Whether another chunk may be sent now: SENDING, chunks left, window not full. */
  public boolean maySend() {
    return state == State.SENDING && next < setup.chunkCount() && next - acknowledged < window;
  }

  /** The index of the next chunk to send. */
  public int nextChunk() {
    return next;
  }

  /** Chunk {@link #nextChunk()} was written. */
  public void chunkSent() {
    if (!maySend()) {
      throw new IllegalStateException("no chunk may be sent now (state " + state + ", next "
          + next + ", acknowledged " + acknowledged + ", window " + window + ")");
    }
    perform(Transition.CHUNK_SENT);
    chunkBytesSent += setup.chunkLength(next);
    next++;
  }

  /**
   * The receiver acknowledged chunks up to {@code index} (cumulative).
   *
   * @throws MalformedMessageException if it acknowledges a chunk not sent or one acknowledged
   */
  public void acknowledged(int index) throws MalformedMessageException {
    perform(Transition.ACK);
    if (index < acknowledged || index >= next) {
      throw new MalformedMessageException("ACK: index " + index + " is outside the "
          + "unacknowledged chunks " + acknowledged + ".." + (next - 1));
    }
    acknowledged = index + 1;
  }

  /** Whether every chunk is acknowledged (DONE may be sent). */
  public boolean allAcknowledged() {
    return state == State.SENDING && acknowledged == setup.chunkCount();
  }

  /** DONE was sent. */
  public void doneSent() {
    if (!allAcknowledged()) {
      throw new IllegalStateException("DONE before every chunk is acknowledged (state " + state
          + ", acknowledged " + acknowledged + " of " + setup.chunkCount() + ")");
    }
    perform(Transition.DONE_SENT);
  }

  /** The receiver completed the transfer. */
  public void completed() {
    perform(Transition.COMPLETE);
  }

  /** The connection failed, for whatever reason. Harmless if already ended. */
  public void failed() {
    if (state != State.FAILED && state != State.COMPLETED && state != State.REFUSED) {
      perform(Transition.FAIL);
    }
  }

  /** Chunks the receiver holds durably (acknowledged, or held before this connection). */
  public int chunksAcknowledged() {
    return acknowledged;
  }

  /** Document bytes the receiver holds durably. */
  public long bytesAcknowledged() {
    return Math.min(setup.totalBytes(), (long) acknowledged * setup.chunkSize());
  }

  /** Chunk data bytes written on this connection (retransmissions after a resume included). */
  public long chunkBytesSent() {
    return chunkBytesSent;
  }

  /** The chunk the receiver's ACCEPT named; -1 before ACCEPT. */
  public int resumedFrom() {
    return resumedFrom;
  }

  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("sender: " + t + " is not allowed in state " + state);
    }
    state = t.to;
  }
}
