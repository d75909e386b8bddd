package org.connectivitybox.protocols.sendreceive;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The CSS send/receive manager's job data object 67 (Figure 8): one data-transfer job from a
 * sender to a receiver, from the SEND Request to the billing record.
 *
 * <p>Allowed transitions; any other event throws {@link IllegalStateException} naming the event
 * and the current state:
 * <pre>
 *   (SEND Request, receiver looked up) ──▶ OPENING
 *   OPENING ──lookup refused─────────────────▶ CLOSED   (negative SEND Response)
 *   OPENING ──receiver already connected─────▶ ACTIVE   (positive SEND Response)
 *   OPENING ──receiver not connected─────────▶ OPENING  (wake it up, wakeup timer armed)
 *   OPENING ──receiver connected─────────────▶ ACTIVE   (positive SEND Response)
 *   OPENING ──wakeup failed──────────────────▶ CLOSED   (negative SEND Response WAKEUP_FAILED)
 *   OPENING ──wakeup timeout─────────────────▶ CLOSED   (negative SEND Response WAKEUP_TIMED_OUT)
 *   OPENING ──sender's connection closed─────▶ CLOSED   (no SEND Response: nobody waits for it)
 *   ACTIVE ──VERIFY, interim METERING────────▶ ACTIVE   (nothing changes)
 *   ACTIVE ──final METERING from one end─────▶ ACTIVE   (kept)
 *   ACTIVE ──final METERING from both ends───▶ POSTING  (billing record posted, once)
 *   ACTIVE ──job timeout─────────────────────▶ POSTING  (billing record with what came)
 *   POSTING ──posted()───────────────────────▶ CLOSED   (job data object removed)
 * </pre>
 * Where the specification is silent this class decides: the lookup happens before the object
 * exists ({@link #open}), so OPENING always means "waiting for the woken receiver"; an ACTIVE
 * job whose final METERING never comes from one end (a box that lost its line) is closed after
 * the job timeout, counted from entering ACTIVE, and posted as incomplete; a second final
 * METERING from the same end is rejected; VERIFY is answered with a typed refusal, never an
 * exception; a job in OPENING whose sender's connection closes (timeout, lost line) is
 * abandoned, so no receiver is linked to a sender that has gone.
 *
 * <p>Thread-safe. The listener is called after the state has changed, outside the lock, and must
 * not throw.
 */
public final class CssJob {

  /** The states of Figure 8; CLOSED is the destroyed job data object. */
  public enum State { OPENING, ACTIVE, POSTING, CLOSED }

  /** Which end of the job a box is. */
  public enum End { SENDER, RECEIVER }

  /** The effects the caller carries out. */
  public interface Listener {
    /** Answer the sender's held SEND Request with this. */
    void sendResponse(CssJob job, SendResponse response);

    /** Ask the call-back signalling server to wake the receiver up. */
    void wakeUp(CssJob job);

    /** Post these job details to the SRMS, then call {@link CssJob#posted()}. */
    void post(CssJob job, BillingRecord record);

    /** The job data object is destroyed. */
    void removed(CssJob job);
  }

  /** Timeouts of a job. */
  public record Timeouts(Duration wakeup, Duration job) {
    /** @throws IllegalArgumentException if a timeout is not positive */
    public Timeouts {
      for (Duration d : new Duration[] {wakeup, job}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("job timeouts must be positive: " + d);
        }
      }
    }
  }

  private enum Transition {
    REFUSE(State.CLOSED, State.OPENING),
    GO_AHEAD(State.ACTIVE, State.OPENING),
    WAKE_UP(State.OPENING, State.OPENING),
    RECEIVER_CONNECTED(State.ACTIVE, State.OPENING),
    WAKEUP_FAILED(State.CLOSED, State.OPENING),
    WAKEUP_TIMEOUT(State.CLOSED, State.OPENING),
    SENDER_GONE(State.CLOSED, State.OPENING),
    INTERIM_METERING(State.ACTIVE, State.ACTIVE),
    FIRST_FINAL_METERING(State.ACTIVE, State.ACTIVE),
    SECOND_FINAL_METERING(State.POSTING, State.ACTIVE),
    JOB_TIMEOUT(State.POSTING, State.ACTIVE),
    POSTED(State.CLOSED, State.POSTING);

    final State to;
    final Set<State> from;

    Transition(State to, State first, State... rest) {
      this.to = to;
      this.from = EnumSet.of(first, rest);
    }
  }

  private final JobNumber number;
  private final CbId sender;
  private final InetAddress senderAddress;
  private final CbName receiverName;
  private final CbId receiver;
  private final Timeouts timeouts;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Listener listener;
  private final Instant opened;
  private State state = State.OPENING;
  private TransferAddress receiverAddress;
  private FinalMetering senderFinal;
  private FinalMetering receiverFinal;
  private Scheduler.Cancellable timer;
  private Object timerToken;

  private CssJob(JobNumber number, CbId sender, InetAddress senderAddress, CbName receiverName,
      CbId receiver, Timeouts timeouts, Clock clock, Scheduler scheduler, Listener listener) {
    this.number = Objects.requireNonNull(number, "number");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.senderAddress = Objects.requireNonNull(senderAddress, "senderAddress");
    this.receiverName = Objects.requireNonNull(receiverName, "receiverName");
    this.receiver = receiver;
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.opened = clock.instant();
  }

  /**
   * Creates the job for a SEND Request and applies the receiver lookup: refused (CLOSED, the
   * negative SEND Response given), receiver connected (ACTIVE, positive SEND Response given) or
   * receiver to be woken up (OPENING, wakeup asked, wakeup timer armed).
   *
   * @param sender the sender's CB ID, from TLS
   * @param senderAddress the IP address of the sender's connection
   */
  public static CssJob open(JobNumber number, CbId sender, InetAddress senderAddress,
      SendRequest request, ReceiverCheck check, Timeouts timeouts, Clock clock,
      Scheduler scheduler, Listener listener) {
    CssJob job = new CssJob(number, sender, senderAddress, request.receiver(), check.receiver(),
        timeouts, clock, scheduler, listener);
    if (check.refusal() != null) {
      job.finishOpening(Transition.REFUSE, SendResponse.refused(check.refusal()));
    } else if (check.connectedAt() != null) {
      job.receiverConnected(check.connectedAt(), Transition.GO_AHEAD);
    } else {
      synchronized (job) {
        job.perform(Transition.WAKE_UP);
        job.armTimer(timeouts.wakeup(), job::onWakeupTimeout);
      }
      listener.wakeUp(job);
    }
    return job;
  }

  public JobNumber number() {
    return number;
  }

  public CbId sender() {
    return sender;
  }

  /** The receiver's CB ID; null if the lookup refused the job. */
  public CbId receiver() {
    return receiver;
  }

  public CbName receiverName() {
    return receiverName;
  }

  public synchronized State state() {
    return state;
  }

  /** The receiver's data-transfer address once the job is ACTIVE; null before. */
  public synchronized TransferAddress receiverAddress() {
    return receiverAddress;
  }

  /**
   * The woken receiver connected at {@code address}: ACTIVE, positive SEND Response.
   *
   * @throws IllegalStateException if not OPENING
   */
  public void receiverConnected(TransferAddress address) {
    receiverConnected(address, Transition.RECEIVER_CONNECTED);
  }

  /**
   * The call-back signalling server could not make the wakeup call: CLOSED, negative SEND.
   *
   * @throws IllegalStateException if not OPENING
   */
  public void wakeupFailed() {
    finishOpening(Transition.WAKEUP_FAILED, SendResponse.refused(SendRefusal.WAKEUP_FAILED));
  }

  /**
   * The sender's connection closed while the job waits for the receiver: CLOSED, no response.
   *
   * @throws IllegalStateException if not OPENING
   */
  public void senderGone() {
    synchronized (this) {
      perform(Transition.SENDER_GONE);
    }
    listener.removed(this);
  }

  /**
   * Answers a VERIFY Request from {@code caller}; the state never changes.
   *
   * @return confirmed only if the job is ACTIVE, the caller is its receiver and the set-up came
   *     from the sender's address
   */
  public synchronized VerifyResponse verify(CbId caller, VerifyRequest request) {
    if (state == State.CLOSED || !request.jobNumber().equals(number)) {
      return VerifyResponse.refused(VerifyRefusal.UNKNOWN_JOB);
    }
    if (!caller.equals(receiver)) {
      return VerifyResponse.refused(VerifyRefusal.NOT_THE_RECEIVER);
    }
    if (state != State.ACTIVE) {
      return VerifyResponse.refused(VerifyRefusal.JOB_NOT_ACTIVE);
    }
    if (!request.senderAddress().equals(senderAddress)) {
      return VerifyResponse.refused(VerifyRefusal.WRONG_SENDER);
    }
    return VerifyResponse.CONFIRMED;
  }

  /**
   * Takes METERING from one end: interim changes nothing; the final one is kept, and the second
   * end's final one moves the job to POSTING and posts the billing record.
   *
   * @throws IllegalArgumentException if {@code caller} is not an end of this job or the number
   *     is another job's
   * @throws IllegalStateException if not ACTIVE, or this end already sent its final METERING
   */
  public void metering(CbId caller, Metering metering) {
    BillingRecord record = null;
    synchronized (this) {
      End end = endOf(caller);
      if (!metering.jobNumber().equals(number)) {
        throw new IllegalArgumentException("METERING for job " + metering.jobNumber()
            + " given to job " + number);
      }
      if (!(metering instanceof FinalMetering f)) {
        perform(Transition.INTERIM_METERING);
        return;
      }
      if ((end == End.SENDER ? senderFinal : receiverFinal) != null) {
        throw new IllegalStateException("job " + number + ": final METERING from the " + end
            + " already received (state " + state + ")");
      }
      boolean second = (end == End.SENDER ? receiverFinal : senderFinal) != null;
      perform(second ? Transition.SECOND_FINAL_METERING : Transition.FIRST_FINAL_METERING);
      if (end == End.SENDER) {
        senderFinal = f;
      } else {
        receiverFinal = f;
      }
      if (second) {
        record = billingRecord();
      }
    }
    if (record != null) {
      listener.post(this, record);
    }
  }

  /** Whether {@code cb} is an end of this ACTIVE job that has not sent its final METERING. */
  public synchronized boolean awaitsFinalMeteringFrom(CbId cb) {
    if (state != State.ACTIVE) {
      return false;
    }
    return cb.equals(sender) && senderFinal == null || cb.equals(receiver) && receiverFinal == null;
  }

  /**
   * The billing record reached the SRMS: CLOSED, the job is removed.
   *
   * @throws IllegalStateException if not POSTING
   */
  public void posted() {
    synchronized (this) {
      perform(Transition.POSTED);
    }
    listener.removed(this);
  }

  private void receiverConnected(TransferAddress address, Transition t) {
    Objects.requireNonNull(address, "address");
    SendResponse response = SendResponse.accepted(number, address);
    synchronized (this) {
      perform(t);
      receiverAddress = address;
      armTimer(timeouts.job(), this::onJobTimeout);
    }
    listener.sendResponse(this, response);
  }

  private void finishOpening(Transition t, SendResponse response) {
    synchronized (this) {
      perform(t);
    }
    listener.sendResponse(this, response);
    listener.removed(this);
  }

  private void onWakeupTimeout(Object token) {
    synchronized (this) {
      if (token != timerToken) {
        return; // the receiver connected or the wakeup failed in the meantime
      }
      perform(Transition.WAKEUP_TIMEOUT);
    }
    listener.sendResponse(this, SendResponse.refused(SendRefusal.WAKEUP_TIMED_OUT));
    listener.removed(this);
  }

  private void onJobTimeout(Object token) {
    BillingRecord record;
    synchronized (this) {
      if (token != timerToken) {
        return;
      }
      perform(Transition.JOB_TIMEOUT);
      record = billingRecord();
    }
    listener.post(this, record);
  }

  private BillingRecord billingRecord() {
    return new BillingRecord(number, sender, receiver, receiverName, opened, clock.instant(),
        senderFinal, receiverFinal);
  }

  private End endOf(CbId caller) {
    if (caller.equals(sender)) {
      return End.SENDER;
    }
    if (caller.equals(receiver)) {
      return End.RECEIVER;
    }
    throw new IllegalArgumentException(caller + " is not an end of job " + number);
  }

  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("job " + number + ": " + t + " is not allowed in state "
          + state);
    }
    if (t.to != state) {
      cancelTimer();
    }
    state = t.to;
  }

  private void armTimer(Duration delay, Consumer<Object> task) {
    cancelTimer();
    Object token = new Object();
    timerToken = token;
    timer = scheduler.schedule(delay, () -> task.accept(token));
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    timerToken = null;
  }

  @Override
  public String toString() {
    return "job " + number + " from " + sender + " to " + receiverName;
  }
}
