package org.connectivitybox.protocols.sendreceive;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.connectivitybox.protocols.time.Scheduler;

/**
 * The box's send/receive manager 46 (Figure 4): the state of the one data-transfer job the box
 * handles, as sender or as receiver, and the METERING it owes the CSS.
 *
 * <p>Allowed transitions; any other event throws {@link IllegalStateException} naming the event
 * and the current state:
 * <pre>
 *   IDLE ──send(receiver)──────────────────────▶ SEND_REQUESTED (SEND Request sent)
 *   SEND_REQUESTED ──positive SEND Response────▶ SENDING        (start the transfer)
 *   SEND_REQUESTED ──negative SEND Response────▶ IDLE
 *   IDLE ──transfer set-up received────────────▶ VERIFY         (VERIFY Request sent)
 *   VERIFY ──VERIFY confirmed──────────────────▶ RECEIVING      (accept the transfer)
 *   VERIFY ──VERIFY refused────────────────────▶ IDLE           (reject the set-up)
 *   SEND_REQUESTED, VERIFY ──exchangeFailed()──▶ IDLE
 *   SENDING, RECEIVING ──interim METERING──────▶ same state     (stall timer restarted)
 *   SENDING, RECEIVING ──transfer ended────────▶ IDLE           (final METERING sent)
 *   SENDING, RECEIVING ──stall timeout─────────▶ IDLE           (final METERING, unsuccessful)
 * </pre>
 * Where the specification is silent this class decides: Figure 4 draws no state for the wait
 * between the SEND Request and its response, which can last a whole wakeup; SEND_REQUESTED makes
 * it explicit so that a second send or an incoming set-up is refused meanwhile. A transfer that
 * reports no progress for the stall timeout is abandoned with an unsuccessful final METERING
 * carrying the last counts, so the CSS can close the job. A set-up that arrives while the box is
 * busy is rejected here; queuing it is the data-transfer protocol's business.
 *
 * <p>Thread-safe. The listener is called after the state has changed, outside the lock, on the
 * caller's thread or the scheduler's; it must be fast and must not throw.
 */
public final class BoxSendReceiveManager {

  /** The states of Figure 4, with the wait for the SEND Response made explicit. */
  public enum State { IDLE, SEND_REQUESTED, SENDING, VERIFY, RECEIVING }

  /** How a job ended, for the coordinator. */
  public enum Outcome { TRANSFERRED, TRANSFER_FAILED, STALLED, SEND_REFUSED, VERIFY_REFUSED,
    EXCHANGE_FAILED }

  /** The effects the caller carries out; every method has a harmless default. */
  public interface Listener {
    default void sendSend(SendRequest request) {}

    default void sendVerify(VerifyRequest request) {}

    /** Send this METERING (no response is expected). */
    default void sendMetering(Metering metering) {}

    /** The CSS accepted the SEND: open the transfer to the receiver. */
    default void startTransfer(JobNumber job, TransferAddress receiver) {}

    /** The CSS confirmed the set-up: let the sender's transfer in. */
    default void acceptTransfer(JobNumber job) {}

    /** The transfer must stop (refused set-up, or stalled). */
    default void abortTransfer(JobNumber job) {}

    /**
     * The job is over and the manager IDLE; {@code job} is null if none was allocated, and
     * {@code reason} is the CSS's refusal, if any.
     */
    default void jobEnded(JobNumber job, Outcome outcome, Enum<?> reason) {}
  }

  private enum Transition {
    SEND(State.SEND_REQUESTED, State.IDLE),
    SEND_ACCEPTED(State.SENDING, State.SEND_REQUESTED),
    SEND_REFUSED(State.IDLE, State.SEND_REQUESTED),
    SET_UP(State.VERIFY, State.IDLE),
    VERIFY_CONFIRMED(State.RECEIVING, State.VERIFY),
    VERIFY_REFUSED(State.IDLE, State.VERIFY),
    EXCHANGE_FAILED(State.IDLE, State.SEND_REQUESTED, State.VERIFY),
    INTERIM_METERING(null, State.SENDING, State.RECEIVING),
    TRANSFER_ENDED(State.IDLE, State.SENDING, State.RECEIVING),
    STALLED(State.IDLE, State.SENDING, State.RECEIVING);

    /** Null: the state does not change. */
    final State to;
    final Set<State> from;

    Transition(State to, State first, State... rest) {
      this.to = to;
      this.from = EnumSet.of(first, rest);
    }
  }

  private final Duration stallTimeout;
  private final Scheduler scheduler;
  private final Listener listener;
  private State state = State.IDLE;
  private JobNumber job;
  private long bytes;
  private long pages;
  private Scheduler.Cancellable timer;
  private Object timerToken;

  /**
   * @param stallTimeout how long a transfer may go without progress before it is abandoned
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public BoxSendReceiveManager(Duration stallTimeout, Scheduler scheduler, Listener listener) {
    this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    if (stallTimeout.isNegative() || stallTimeout.isZero()) {
      throw new IllegalArgumentException("stall timeout must be positive: " + stallTimeout);
    }
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public synchronized State state() {
    return state;
  }

  /** The current job's number; null when IDLE or before the CSS gave one. */
  public synchronized JobNumber job() {
    return job;
  }

  /**
   * IDLE to SEND_REQUESTED: asks the CSS for a linkup with {@code receiver}.
   *
   * @throws IllegalStateException if not IDLE
   */
  public void send(CbName receiver) {
    SendRequest request = new SendRequest(receiver);
    synchronized (this) {
      perform(Transition.SEND);
    }
    listener.sendSend(request);
  }

  /**
   * Takes the SEND Response: SENDING (start the transfer) if accepted, IDLE if refused.
   *
   * @throws IllegalStateException if not SEND_REQUESTED
   */
  public void onSendResponse(SendResponse response) {
    synchronized (this) {
      if (!response.accepted()) {
        perform(Transition.SEND_REFUSED);
      } else {
        perform(Transition.SEND_ACCEPTED);
        startJob(response.jobNumber());
      }
    }
    if (response.accepted()) {
      listener.startTransfer(response.jobNumber(), response.receiverAddress());
    } else {
      listener.jobEnded(null, Outcome.SEND_REFUSED, response.refusal());
    }
  }

  /**
   * IDLE to VERIFY: a sender's transfer set-up arrived; asks the CSS to verify it.
   *
   * @throws IllegalStateException if not IDLE (the box is busy with another job)
   */
  public void onTransferSetUp(JobNumber setUpJob, InetAddress sender) {
    VerifyRequest request = new VerifyRequest(setUpJob, sender);
    synchronized (this) {
      perform(Transition.SET_UP);
      job = setUpJob;
    }
    listener.sendVerify(request);
  }

  /**
   * Takes the VERIFY Response: RECEIVING if confirmed, IDLE (set-up rejected) if not.
   *
   * @throws IllegalStateException if not VERIFY
   */
  public void onVerifyResponse(VerifyResponse response) {
    JobNumber j;
    synchronized (this) {
      j = job;
      if (response.confirmed()) {
        perform(Transition.VERIFY_CONFIRMED);
        startJob(j);
      } else {
        perform(Transition.VERIFY_REFUSED);
      }
    }
    if (response.confirmed()) {
      listener.acceptTransfer(j);
    } else {
      listener.abortTransfer(j);
      listener.jobEnded(j, Outcome.VERIFY_REFUSED, response.refusal());
    }
  }

  /**
   * The SEND or VERIFY exchange failed (no answer, HTTP error): back to IDLE.
   *
   * @throws IllegalStateException if not SEND_REQUESTED or VERIFY
   */
  public void exchangeFailed() {
    JobNumber j;
    boolean receiving;
    synchronized (this) {
      j = job;
      receiving = state == State.VERIFY;
      perform(Transition.EXCHANGE_FAILED);
    }
    if (receiving) {
      listener.abortTransfer(j);
    }
    listener.jobEnded(j, Outcome.EXCHANGE_FAILED, null);
  }

  /**
   * Sends interim METERING with the totals so far; the state does not change.
   *
   * @throws IllegalStateException if not SENDING or RECEIVING
   * @throws IllegalArgumentException if a count is out of range
   */
  public void interimMetering(long totalBytes, long totalPages) {
    Metering.checkCounts(totalBytes, totalPages);
    InterimMetering m;
    synchronized (this) {
      perform(Transition.INTERIM_METERING);
      m = new InterimMetering(job, totalBytes, totalPages);
      bytes = totalBytes;
      pages = totalPages;
      armTimer();
    }
    listener.sendMetering(m);
  }

  /**
   * The transfer is over: sends final METERING and goes IDLE.
   *
   * @throws IllegalStateException if not SENDING or RECEIVING
   * @throws IllegalArgumentException if a count is out of range (the state does not change)
   */
  public void transferEnded(long totalBytes, long totalPages, boolean successful) {
    Metering.checkCounts(totalBytes, totalPages);
    FinalMetering m;
    synchronized (this) {
      JobNumber j = job;
      perform(Transition.TRANSFER_ENDED);
      m = new FinalMetering(j, totalBytes, totalPages, successful);
    }
    listener.sendMetering(m);
    listener.jobEnded(m.jobNumber(),
        successful ? Outcome.TRANSFERRED : Outcome.TRANSFER_FAILED, null);
  }

  private void onStall(Object token) {
    FinalMetering m;
    synchronized (this) {
      if (token != timerToken) {
        return;
      }
      JobNumber j = job;
      perform(Transition.STALLED);
      m = new FinalMetering(j, bytes, pages, false);
    }
    listener.abortTransfer(m.jobNumber());
    listener.sendMetering(m);
    listener.jobEnded(m.jobNumber(), Outcome.STALLED, null);
  }

  private void startJob(JobNumber j) {
    job = j;
    bytes = 0;
    pages = 0;
    armTimer();
  }

  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("send/receive manager: " + t
          + " is not allowed in state " + state);
    }
    if (t.to != null) {
      state = t.to;
    }
    if (state != State.SENDING && state != State.RECEIVING) {
      cancelTimer();
    }
    if (state == State.IDLE) {
      job = null;
    }
  }

  private void armTimer() {
    cancelTimer();
    Object token = new Object();
    timerToken = token;
    timer = scheduler.schedule(stallTimeout, () -> onStall(token));
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    timerToken = null;
  }
}
