package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The call-back signalling (CBS) monitor of the box (specification: item 48, "Wakeup Signalling
 * Arrangement"): watches a ringing line through the modem's reports and decides, without ever
 * answering, whether the call is a wakeup call from the CSS.
 *
 * <p>It is a pure state machine: feed it the modem's events with {@link #onEvent} and the
 * passing of time with {@link #onTick} (at the latest at {@link #deadline()}); each returns the
 * verdict when one is reached, once per call.
 *
 * <pre>
 *   IDLE ──Ring──▶ RINGING ──(a method identifies the CSS)──────────▶ DECIDED (wakeup)
 *                     │    ──(every enabled method rules it out)──▶ DECIDED (not a wakeup)
 *                     └──silence after the last ring──▶ IDLE, with a verdict if none was given
 *   DECIDED ──silence after the last ring──▶ IDLE
 * </pre>
 *
 * Each enabled method answers yes, no or not yet:
 * <ul>
 *   <li>caller ID: yes if the number is one of the CSS's; no if it is another number; a withheld
 *       or unavailable number leaves it undecided; no block before the second ring means the
 *       line has no caller-ID service, and the method drops out;
 *   <li>distinctive ring: yes if the first cadence report matches, no if it does not;
 *   <li>limited ringing: no as soon as the call rings more than the limit; yes when the line
 *       falls silent after at most the limit.
 * </ul>
 * A yes from any method decides "wakeup" at once; "not a wakeup" is decided as soon as no
 * method can still say yes, or at the end of the call. Limited ringing never overrides another
 * method's evidence of an ordinary call. Not thread-safe: one caller (the modem's event thread).
 */
public final class CbsMonitor {

  /** The monitor's states. */
  public enum State { IDLE, RINGING, DECIDED }

  /** One method's answer so far. */
  private enum Answer {
    /** Not decided yet. */
    UNKNOWN,
    /** It recognised the CSS. */
    YES,
    /** It saw evidence of an ordinary call. */
    NO,
    /** It is off, or the line gave it nothing to go on (no caller-ID service). */
    ABSENT
  }

  private final WakeupParameters parameters;
  private State state = State.IDLE;
  private int rings;
  private Instant lastRing;
  private Answer callerId;
  private Answer cadence;
  private Answer limited;
  private boolean callerIdSeen;

  public CbsMonitor(WakeupParameters parameters) {
    this.parameters = parameters;
  }

  public State state() {
    return state;
  }

  /** When {@link #onTick} must be called next (the end of the silence after the last ring). */
  public Optional<Instant> deadline() {
    return state == State.IDLE ? Optional.empty() : Optional.of(lastRing.plus(parameters.silence()));
  }

  /** Takes one modem event; returns the verdict if this event decides the call. */
  public Optional<WakeupVerdict> onEvent(ModemEvent event) {
    Optional<WakeupVerdict> ended = onTick(event.at());
    if (ended.isPresent()) {
      // The previous call ended before this event without a tick noticing: report that call;
      // a ring starts the next one, anything else belonged to the ended call and is dropped.
      if (event instanceof ModemEvent.Ring) {
        startCall(event.at());
      }
      return ended;
    }
    if (event instanceof ModemEvent.Ring ring) {
      return onRing(ring.at());
    }
    if (state != State.RINGING) {
      return Optional.empty();
    }
    if (event instanceof ModemEvent.CallerId id && parameters.callerIdEnabled()) {
      callerIdSeen = true;
      if (id.presentation() == ModemEvent.Presentation.AVAILABLE) {
        callerId = parameters.cssCallerIds().contains(id.number()) ? Answer.YES : Answer.NO;
      }
      return decide(id.at(), callerId == Answer.YES ? WakeupVerdict.Reason.CALLER_ID
          : WakeupVerdict.Reason.OTHER_CALLER_ID);
    }
    if (event instanceof ModemEvent.RingCadence c && parameters.distinctiveCadence().isPresent()
        && cadence == Answer.UNKNOWN) {
      cadence = parameters.distinctiveCadence().get().matches(c.on(), c.off())
          ? Answer.YES : Answer.NO;
      return decide(c.at(), cadence == Answer.YES ? WakeupVerdict.Reason.DISTINCTIVE_RING
          : WakeupVerdict.Reason.ORDINARY_RING);
    }
    return Optional.empty();
  }

  /**
   * Lets time pass: if the line has been silent since the last ring for the configured time,
   * the call has ended; returns the verdict if the end of the call decides it.
   */
  public Optional<WakeupVerdict> onTick(Instant now) {
    if (state == State.IDLE || now.isBefore(lastRing.plus(parameters.silence()))) {
      return Optional.empty();
    }
    State was = state;
    state = State.IDLE;
    if (was == State.DECIDED) {
      return Optional.empty();
    }
    if (limited == Answer.UNKNOWN && callerId != Answer.NO && cadence != Answer.NO) {
      return Optional.of(new WakeupVerdict(true, WakeupVerdict.Reason.LIMITED_RINGING, rings, now));
    }
    return Optional.of(new WakeupVerdict(false, WakeupVerdict.Reason.NOT_RECOGNISED, rings, now));
  }

  private Optional<WakeupVerdict> onRing(Instant at) {
    if (state == State.IDLE) {
      startCall(at);
      return Optional.empty();
    }
    rings++;
    lastRing = at;
    if (state == State.DECIDED) {
      return Optional.empty();
    }
    if (parameters.callerIdEnabled() && !callerIdSeen && rings >= 2) {
      callerId = Answer.ABSENT; // the caller-ID block comes between the first and second ring
    }
    if (parameters.limitedRingingEnabled() && rings > parameters.ringLimit()) {
      limited = Answer.NO;
      return decide(at, WakeupVerdict.Reason.RANG_TOO_LONG);
    }
    return decide(at, WakeupVerdict.Reason.NOT_RECOGNISED);
  }

  private void startCall(Instant at) {
    state = State.RINGING;
    rings = 1;
    lastRing = at;
    callerIdSeen = false;
    callerId = parameters.callerIdEnabled() ? Answer.UNKNOWN : Answer.ABSENT;
    cadence = parameters.distinctiveCadence().isPresent() ? Answer.UNKNOWN : Answer.ABSENT;
    limited = parameters.limitedRingingEnabled() ? Answer.UNKNOWN : Answer.ABSENT;
  }

  /**
   * A verdict if the answers so far decide: any yes is a wakeup (reported with the reason of the
   * method that said yes); when no method can still say yes, it is not a wakeup (reported with
   * {@code lastNo}).
   */
  private Optional<WakeupVerdict> decide(Instant at, WakeupVerdict.Reason lastNo) {
    WakeupVerdict.Reason yes = callerId == Answer.YES ? WakeupVerdict.Reason.CALLER_ID
        : cadence == Answer.YES ? WakeupVerdict.Reason.DISTINCTIVE_RING : null;
    if (yes != null) {
      state = State.DECIDED;
      return Optional.of(new WakeupVerdict(true, yes, rings, at));
    }
    boolean limitedCanSayYes =
        limited == Answer.UNKNOWN && callerId != Answer.NO && cadence != Answer.NO;
    if (callerId != Answer.UNKNOWN && cadence != Answer.UNKNOWN && !limitedCanSayYes) {
      state = State.DECIDED;
      return Optional.of(new WakeupVerdict(false, lastNo, rings, at));
    }
    return Optional.empty();
  }

  /** How long after the last ring the call counts as ended. */
  public Duration silence() {
    return parameters.silence();
  }
}
