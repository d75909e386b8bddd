package org.connectivitybox.protocols.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The CSS connection manager's connection data object 65/66 (Figure 7): one per box, created on
 * a CONNECT Request, destroyed (state CLOSED) when the box disconnects or the connection expires.
 *
 * <p>Allowed transitions; any other event throws {@link IllegalStateException} naming the event
 * and the current state:
 * <pre>
 *   (CONNECT Request) ──▶ CHECKING
 *   CHECKING ──valid subscriber──────────────▶ CONNECTED  (granted CONNECT Response, timer armed)
 *   CHECKING ──no record / not valid─────────▶ CLOSED     (refused CONNECT Response)
 *   CONNECTED ──DISCONNECT, no job open──────▶ CLOSED     (confirmed DISCONNECT Response)
 *   CONNECTED ──DISCONNECT, a job open───────▶ CONNECTED  (DISCONNECT not confirmed)
 *   CONNECTED ──timeout──────────────────────▶ CLOSED
 *   CONNECTED ──sequence-number check, activity()──▶ CONNECTED  (timer restarted)
 *   CHECKING, CONNECTED ──replaced()─────────▶ CLOSED     (a new CONNECT from the same CB ID)
 * </pre>
 * Where the specification is silent this class decides: the timeout counts inactivity and every
 * transaction of the box restarts it; a second CONNECT from a box that is still connected (it
 * lost its line and called back) replaces the old connection rather than being refused, so a
 * box is never locked out until the timeout; a DISCONNECT is refused only while the box is an end
 * of a job still waiting for its final METERING.
 *
 * <p>The request handlers return the response to send; the listener hears of the events other
 * entities need (the send/receive manager waits for "receiver connected"). Thread-safe; the
 * listener is called outside the lock and must not throw.
 */
public final class CssConnection {

  /** The states of Figure 7; CLOSED is the destroyed data object. */
  public enum State { CHECKING, CONNECTED, CLOSED }

  /** Why a connection was closed. */
  public enum CloseCause { REFUSED, DISCONNECTED, TIMED_OUT, REPLACED }

  /** Hears of connections coming and going; both methods have harmless defaults. */
  public interface Listener {
    /** The box is connected: jobs waiting for it as receiver may go on. */
    default void connected(CssConnection connection) {}

    /** The connection data object is destroyed. */
    default void closed(CssConnection connection, CloseCause cause) {}
  }

  private enum Transition {
    GRANT(State.CONNECTED, State.CHECKING),
    REFUSE(State.CLOSED, State.CHECKING),
    DISCONNECT(State.CLOSED, State.CONNECTED),
    DISCONNECT_REFUSED(State.CONNECTED, State.CONNECTED),
    TIMEOUT(State.CLOSED, State.CONNECTED),
    STAY_CONNECTED(State.CONNECTED, State.CONNECTED),
    REPLACE(State.CLOSED, State.CHECKING, State.CONNECTED);

    final State to;
    final Set<State> from;

    Transition(State to, State first, State... rest) {
      this.to = to;
      this.from = EnumSet.of(first, rest);
    }
  }

  private final CbId cbId;
  private final InetAddress address;
  private final ConnectRequest request;
  private final Duration timeout;
  private final Scheduler scheduler;
  private final Listener listener;
  private State state = State.CHECKING;
  private Scheduler.Cancellable timer;
  private Object timerToken;

  /**
   * A new connection in CHECKING.
   *
   * @param cbId from the TLS client certificate, never from the request
   * @param address the IP address the box's TLS connection comes from
   * @param timeout how long the connection may stay CONNECTED without a transaction
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public CssConnection(CbId cbId, InetAddress address, ConnectRequest request, Duration timeout,
      Scheduler scheduler, Listener listener) {
    this.cbId = Objects.requireNonNull(cbId, "cbId");
    this.address = Objects.requireNonNull(address, "address");
    this.request = Objects.requireNonNull(request, "request");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("connection timeout must be positive: " + timeout);
    }
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public CbId cbId() {
    return cbId;
  }

  /** The IP address the box connected from: where its data-transfer server listens. */
  public InetAddress address() {
    return address;
  }

  /** The port of the box's data-transfer server, from its CONNECT Request. */
  public int dataTransferPort() {
    return request.dataTransferPort();
  }

  public synchronized State state() {
    return state;
  }

  /**
   * Ends CHECKING with the subscriber lookup's result and returns the CONNECT Response: granted
   * with the mismatching sequence numbers, or refused.
   *
   * @throws IllegalStateException if not CHECKING
   */
  public ConnectResponse checked(SubscriberCheck check) {
    ConnectResponse response;
    synchronized (this) {
      if (check.refusal() != null) {
        perform(Transition.REFUSE);
        response = ConnectResponse.refused(check.refusal());
      } else {
        perform(Transition.GRANT);
        armTimer();
        response = ConnectResponse.granted(
            check.cssNumbers().mismatches(request.sequenceNumbers()));
      }
    }
    if (response.granted()) {
      listener.connected(this);
    } else {
      listener.closed(this, CloseCause.REFUSED);
    }
    return response;
  }

  /**
   * Answers a DISCONNECT Request: confirmed (CLOSED) unless {@code jobOpen}.
   *
   * @param cssNumbers the subscriber record's current sequence numbers
   * @param jobOpen whether the box is an end of a job still waiting for its final METERING
   * @throws IllegalStateException if not CONNECTED
   */
  public DisconnectResponse onDisconnect(DisconnectRequest request, SequenceNumbers cssNumbers,
      boolean jobOpen) {
    SequenceNumbers mismatched = cssNumbers.mismatches(request.sequenceNumbers());
    synchronized (this) {
      if (jobOpen) {
        perform(Transition.DISCONNECT_REFUSED);
        armTimer();
        return DisconnectResponse.notConfirmed(DisconnectRefusal.JOB_IN_PROGRESS, mismatched);
      }
      perform(Transition.DISCONNECT);
    }
    listener.closed(this, CloseCause.DISCONNECTED);
    return DisconnectResponse.confirmed(mismatched);
  }

  /**
   * Answers the special sequence-number check; restarts the timeout.
   *
   * @throws IllegalStateException if not CONNECTED
   */
  public synchronized SequenceCheckResponse onSequenceCheck(SequenceCheckRequest request,
      SequenceNumbers cssNumbers) {
    perform(Transition.STAY_CONNECTED);
    armTimer();
    return new SequenceCheckResponse(cssNumbers.mismatches(request.sequenceNumbers()));
  }

  /**
   * A SEND, VERIFY or METERING from this box: restarts the timeout.
   *
   * @throws IllegalStateException if not CONNECTED (the CSS answers NOT_CONNECTED)
   */
  public synchronized void activity() {
    perform(Transition.STAY_CONNECTED);
    armTimer();
  }

  /**
   * The same box connected again: this object is destroyed.
   *
   * @throws IllegalStateException if already CLOSED
   */
  public void replaced() {
    synchronized (this) {
      perform(Transition.REPLACE);
    }
    listener.closed(this, CloseCause.REPLACED);
  }

  private void onTimeout(Object token) {
    synchronized (this) {
      if (token != timerToken || state != State.CONNECTED) {
        return;
      }
      perform(Transition.TIMEOUT);
    }
    listener.closed(this, CloseCause.TIMED_OUT);
  }

  private void perform(Transition t) {
    if (!t.from.contains(state)) {
      throw new IllegalStateException("connection of " + cbId + ": " + t
          + " is not allowed in state " + state);
    }
    state = t.to;
    if (state != State.CONNECTED) {
      cancelTimer();
    }
  }

  private void armTimer() {
    cancelTimer();
    Object token = new Object();
    timerToken = token;
    timer = scheduler.schedule(timeout, () -> onTimeout(token));
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
    return "connection of " + cbId + " from " + address.getHostAddress();
  }
}
