package org.connectivitybox.protocols.connection;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.sequence.ActionIndicators;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.Task;

/**
 * The box's connection manager 45 (Figure 3): the state of the box's connection to the CSS, the
 * On Line timeout, and the action indicators the CSS's responses set.
 *
 * <p>Allowed transitions, each performed by one {@link Transition}; any other event throws
 * {@link IllegalStateException} naming the event and the current state:
 * <pre>
 *   IDLE ──connect()──────────────────────────▶ CONNECTING      (CONNECT Request sent)
 *   CONNECTING ──CONNECT Response granted─────▶ ON_LINE         (timer armed)
 *   CONNECTING ──CONNECT Response refused─────▶ IDLE
 *   ON_LINE ──disconnect()────────────────────▶ DISCONNECTING   (DISCONNECT Request sent)
 *   ON_LINE ──On Line timeout (DISCONNECT)────▶ DISCONNECTING   (DISCONNECT Request sent)
 *   ON_LINE ──On Line timeout (FORCE)─────────▶ IDLE            (caller drops the link)
 *   DISCONNECTING ──DISCONNECT confirmed──────▶ IDLE
 *   DISCONNECTING ──DISCONNECT not confirmed──▶ ON_LINE         (timer re-armed)
 *   CONNECTING, ON_LINE, DISCONNECTING ──linkLost()──▶ IDLE
 *   ON_LINE ──activity(), sequence-number check and its response──▶ ON_LINE
 * </pre>
 * Where the specification is silent this class decides: the On Line timeout counts inactivity
 * and restarts on {@link #activity()}; a lost link or a failed HTTP exchange in any state but
 * IDLE ends the connection at once ({@link #linkLost}); the mismatches of every response are
 * merged into the action indicators, the newest number winning.
 *
 * <p>Thread-safe. The listener is called after the state has changed, outside the lock, on the
 * caller's thread or the scheduler's; it must be fast and must not throw.
 */
public final class BoxConnectionManager {

  /** The four states of Figure 3. */
  public enum State { IDLE, CONNECTING, ON_LINE, DISCONNECTING }

  /** What to do when the On Line timeout expires. */
  public enum TimeoutAction {
    /** Send a DISCONNECT Request and go to DISCONNECTING. */
    DISCONNECT,
    /** Force the disconnection: straight back to IDLE, the caller drops the link. */
    FORCE
  }

  /** Why the connection went back to IDLE. */
  public enum IdleCause { REFUSED, DISCONNECTED, FORCED_BY_TIMEOUT, LINK_LOST }

  /** The effects the caller carries out; every method has a harmless default. */
  public interface Listener {
    /** Send this CONNECT Request to the CSS and report the answer. */
    default void sendConnect(ConnectRequest request) {}

    /** Send this DISCONNECT Request to the CSS and report the answer. */
    default void sendDisconnect(DisconnectRequest request) {}

    /** Send this sequence-number check to the CSS and report the answer. */
    default void sendSequenceCheck(SequenceCheckRequest request) {}

    /** The connection is On Line (again); these are the tasks to do. */
    default void onLine(ActionIndicators indicators) {}

    /** The connection is over; a refusal carries the CSS's reason, otherwise null. */
    default void idle(IdleCause cause, ConnectRefusal refusal) {}

    /** A response changed the action indicators. */
    default void actionIndicatorsChanged(ActionIndicators indicators) {}
  }

  /** Every transition of Figure 3, with the states it may start from. */
  private enum Transition {
    CONNECT(State.CONNECTING, State.IDLE),
    GRANTED(State.ON_LINE, State.CONNECTING),
    REFUSED(State.IDLE, State.CONNECTING),
    DISCONNECT(State.DISCONNECTING, State.ON_LINE),
    TIMEOUT_DISCONNECT(State.DISCONNECTING, State.ON_LINE),
    TIMEOUT_FORCE(State.IDLE, State.ON_LINE),
    DISCONNECT_CONFIRMED(State.IDLE, State.DISCONNECTING),
    DISCONNECT_NOT_CONFIRMED(State.ON_LINE, State.DISCONNECTING),
    LINK_LOST(State.IDLE, State.CONNECTING, State.ON_LINE, State.DISCONNECTING),
    STAY_ON_LINE(State.ON_LINE, State.ON_LINE);

    final State to;
    final Set<State> from;

    Transition(State to, State first, State... rest) {
      this.to = to;
      this.from = EnumSet.of(first, rest);
    }
  }

  private final Supplier<SequenceNumbers> ownNumbers;
  private final int dataTransferPort;
  private final Duration onLineTimeout;
  private final TimeoutAction timeoutAction;
  private final Scheduler scheduler;
  private final Listener listener;
  private State state = State.IDLE;
  private ActionIndicators indicators = ActionIndicators.NONE;
  private Scheduler.Cancellable timer;
  private Object timerToken;

  /**
   * @param ownNumbers the box's current sequence numbers 126, read at each request
   * @param dataTransferPort the port of the box's data-transfer server, sent in CONNECT
   * @param onLineTimeout how long the connection may stay On Line without activity
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public BoxConnectionManager(Supplier<SequenceNumbers> ownNumbers, int dataTransferPort,
      Duration onLineTimeout, TimeoutAction timeoutAction, Scheduler scheduler,
      Listener listener) {
    this.ownNumbers = Objects.requireNonNull(ownNumbers, "ownNumbers");
    this.dataTransferPort = dataTransferPort;
    this.onLineTimeout = Objects.requireNonNull(onLineTimeout, "onLineTimeout");
    if (onLineTimeout.isNegative() || onLineTimeout.isZero()) {
      throw new IllegalArgumentException("On Line timeout must be positive: " + onLineTimeout);
    }
    this.timeoutAction = Objects.requireNonNull(timeoutAction, "timeoutAction");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public synchronized State state() {
    return state;
  }

  public synchronized ActionIndicators actionIndicators() {
    return indicators;
  }

  /**
   * IDLE to CONNECTING: builds the CONNECT Request for the listener to send.
   *
   * @throws IllegalStateException if not IDLE
   */
  public void connect() {
    ConnectRequest request;
    synchronized (this) {
      perform(Transition.CONNECT);
      request = new ConnectRequest(ownNumbers.get(), dataTransferPort);
    }
    listener.sendConnect(request);
  }

  /**
   * Takes the CONNECT Response: ON_LINE if granted (action indicators merged), IDLE if refused.
   *
   * @throws IllegalStateException if not CONNECTING
   */
  public void onConnectResponse(ConnectResponse response) {
    ActionIndicators now;
    synchronized (this) {
      if (!response.granted()) {
        perform(Transition.REFUSED);
        now = null;
      } else {
        perform(Transition.GRANTED);
        indicators = indicators.withMismatches(response.mismatched());
        armTimer();
        now = indicators;
      }
    }
    if (now == null) {
      listener.idle(IdleCause.REFUSED, response.refusal());
    } else {
      listener.onLine(now);
    }
  }

  /**
   * ON_LINE to DISCONNECTING on job termination: builds the DISCONNECT Request.
   *
   * @throws IllegalStateException if not ON_LINE
   */
  public void disconnect() {
    DisconnectRequest request;
    synchronized (this) {
      perform(Transition.DISCONNECT);
      request = new DisconnectRequest(ownNumbers.get());
    }
    listener.sendDisconnect(request);
  }

  /**
   * Takes the DISCONNECT Response: IDLE if confirmed, back to ON_LINE (timer re-armed) if not.
   *
   * @throws IllegalStateException if not DISCONNECTING
   */
  public void onDisconnectResponse(DisconnectResponse response) {
    ActionIndicators now;
    synchronized (this) {
      perform(response.confirmed()
          ? Transition.DISCONNECT_CONFIRMED : Transition.DISCONNECT_NOT_CONFIRMED);
      indicators = indicators.withMismatches(response.mismatched());
      now = indicators;
      if (!response.confirmed()) {
        armTimer();
      }
    }
    if (response.confirmed()) {
      listener.actionIndicatorsChanged(now);
      listener.idle(IdleCause.DISCONNECTED, null);
    } else {
      listener.onLine(now);
    }
  }

  /**
   * While ON_LINE, builds the special sequence-number check request; counts as activity.
   *
   * @throws IllegalStateException if not ON_LINE
   */
  public void checkSequenceNumbers() {
    SequenceCheckRequest request;
    synchronized (this) {
      perform(Transition.STAY_ON_LINE);
      armTimer();
      request = new SequenceCheckRequest(ownNumbers.get());
    }
    listener.sendSequenceCheck(request);
  }

  /**
   * Takes the sequence-number check response: merges the mismatches into the indicators.
   *
   * @throws IllegalStateException if not ON_LINE
   */
  public void onSequenceCheckResponse(SequenceCheckResponse response) {
    ActionIndicators now;
    synchronized (this) {
      perform(Transition.STAY_ON_LINE);
      armTimer();
      indicators = indicators.withMismatches(response.mismatched());
      now = indicators;
    }
    listener.actionIndicatorsChanged(now);
  }

  /**
   * Restarts the On Line timeout: a transaction or data transfer is in progress.
   *
   * @throws IllegalStateException if not ON_LINE
   */
  public synchronized void activity() {
    perform(Transition.STAY_ON_LINE);
    armTimer();
  }

  /**
   * The link under the connection failed, or an exchange with the CSS failed: back to IDLE.
   *
   * @throws IllegalStateException if already IDLE
   */
  public void linkLost() {
    synchronized (this) {
      perform(Transition.LINK_LOST);
    }
    listener.idle(IdleCause.LINK_LOST, null);
  }

  /** Sets the box's own action indicator of {@code task} (a local address-book edit). */
  public synchronized void setLocalIndicator(Task task) {
    indicators = indicators.withLocal(task);
  }

  /** Clears the action indicator of {@code task} after the task succeeded. */
  public synchronized void taskDone(Task task) {
    indicators = indicators.cleared(task);
  }

  private void onTimeout(Object token) {
    boolean force;
    DisconnectRequest request = null;
    synchronized (this) {
      if (token != timerToken || state != State.ON_LINE) {
        return; // cancelled in the meantime
      }
      force = timeoutAction == TimeoutAction.FORCE;
      perform(force ? Transition.TIMEOUT_FORCE : Transition.TIMEOUT_DISCONNECT);
      if (!force) {
        request = new DisconnectRequest(ownNumbers.get());
      }
    }
    if (force) {
      listener.idle(IdleCause.FORCED_BY_TIMEOUT, null);
    } else {
      listener.sendDisconnect(request);
    }
  }

  /** Performs {@code t} or rejects it with the current state; leaving ON_LINE stops the timer. */
  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("connection manager: " + t + " is not allowed in state "
          + state);
    }
    state = t.to;
    if (state != State.ON_LINE) {
      cancelTimer();
    }
  }

  private void armTimer() {
    cancelTimer();
    Object token = new Object();
    timerToken = token;
    timer = scheduler.schedule(onLineTimeout, () -> onTimeout(token));
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
    timerToken = null;
  }
}
