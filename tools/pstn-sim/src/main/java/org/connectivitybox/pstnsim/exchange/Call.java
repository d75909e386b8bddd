package org.connectivitybox.pstnsim.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One call between two lines of the exchange, from the first ring to the hang-up.
 *
 * <p>States and the only transitions allowed:
 * <pre>
 *   RINGING ──answer──▶ CONNECTED ──hang up / carrier lost──▶ ENDED
 *      └──── no answer (S7) / abandoned / refused ────────────▶ ENDED
 * </pre>
 * Events go to the terminals on the exchange's event thread, in order. A terminal that ends the
 * call itself (ATH, DTR drop) is not told; the other one is. Thread-safe.
 */
public final class Call {
  /** Where a call is in its life. */
  public enum State { RINGING, CONNECTED, ENDED }

  private final long id;
  private final Exchange exchange;
  private final Terminal caller;
  private final Terminal callee;
  private final Instant start;
  private final RingCadence cadence;
  private final CallerId callerId;
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private State state = State.RINGING;
  private long connectedAtNanos;
  private long connectedMillis;
  private int rateBps;
  private PacedPipe toCallee;
  private PacedPipe toCaller;

  Call(long id, Exchange exchange, Terminal caller, Terminal callee, Instant start,
      RingCadence cadence, CallerId callerId) {
    this.id = id;
    this.exchange = exchange;
    this.caller = caller;
    this.callee = callee;
    this.start = start;
    this.cadence = cadence;
    this.callerId = callerId;
  }

  public long id() {
    return id;
  }

  public Terminal caller() {
    return caller;
  }

  public Terminal callee() {
    return callee;
  }

  public synchronized State state() {
    return state;
  }

  /** The rate of the connected call in bit/s (the lower of both lines), 0 before it connects. */
  public synchronized int rateBps() {
    return rateBps;
  }

  /** Starts the ring cycles after {@code delay} (dial pauses) and the caller's S7 timer. */
  synchronized void startRinging(Duration delay, Duration noAnswerAfter) {
    scheduleRing(1, delay);
    timer(() -> end(EndCause.NO_ANSWER, null), noAnswerAfter.toNanos());
  }

  private void scheduleRing(int ring, Duration at) {
    long base = at.toNanos();
    timer(() -> {
      if (ringing()) {
        callee.ringStarted(this, ring, cadence);
        synchronized (this) {
          if (state == State.RINGING) {
            scheduleRing(ring + 1, cadence.cycle());
          }
        }
      }
    }, base);
    timer(() -> {
      if (ringing()) {
        callee.ringEnded(this, ring, cadence);
      }
    }, base + cadence.on().toNanos());
    if (ring == 1 && callerId != null) {
      // ETSI EN 300 659-1: the data follows the first ring, well inside the silence.
      timer(() -> {
        if (ringing()) {
          callee.callerId(this, callerId);
        }
      }, base + cadence.on().toNanos() + cadence.off().toNanos() / 4);
    }
  }

  private void timer(Runnable event, long delayNanos) {
    ScheduledFuture<?> f = exchange.schedule(event, delayNanos);
    if (f != null) {
      timers.add(f);
    }
  }

  private synchronized boolean ringing() {
    return state == State.RINGING;
  }

  /**
   * Answers a ringing call: both ends are told {@code connected} (caller first), then data flows.
   *
   * @return false if the call was no longer ringing
   */
  public boolean answer() {
    synchronized (this) {
      if (state != State.RINGING) {
        return false;
      }
      state = State.CONNECTED;
      cancelTimers();
      connectedAtNanos = System.nanoTime();
      rateBps = Math.min(caller.rateBps(), callee.rateBps());
      toCallee = new PacedPipe("call " + id + " " + caller.number() + "->" + callee.number(),
          rateBps, data -> callee.received(this, data));
      toCaller = new PacedPipe("call " + id + " " + callee.number() + "->" + caller.number(),
          rateBps, data -> caller.received(this, data));
    }
    int rate = rateBps;
    exchange.post(() -> {
      caller.connected(this, rate);
      callee.connected(this, rate);
      synchronized (this) {
        if (state == State.CONNECTED) {
          toCallee.start();
          toCaller.start();
        }
      }
    });
    return true;
  }

  /**
   * Sends data from one end to the other at the call's rate, blocking while the line is full.
   *
   * @return false if the call is not (or no longer) connected
   */
  public boolean send(Terminal from, byte[] data, int off, int len) throws InterruptedException {
    PacedPipe pipe;
    synchronized (this) {
      if (state != State.CONNECTED) {
        return false;
      }
      pipe = from == caller ? toCallee : toCaller;
    }
    return pipe.write(data, off, len);
  }

  /** Waits until what {@code from} sent has reached the other end (before hanging up). */
  public boolean drain(Terminal from, Duration timeout) throws InterruptedException {
    PacedPipe pipe;
    synchronized (this) {
      if (state != State.CONNECTED) {
        return false;
      }
      pipe = from == caller ? toCallee : toCaller;
    }
    return pipe.drain(timeout);
  }

  /**
   * Hangs up from one end: the other end is told. A caller hanging up a ringing call abandons
   * it; a callee cannot hang up a call it has not answered (its phone is on the hook).
   */
  public void hangUp(Terminal by) {
    EndCause cause;
    synchronized (this) {
      if (state == State.ENDED || (state == State.RINGING && by != caller)) {
        return;
      }
      if (state == State.RINGING) {
        cause = EndCause.ABANDONED;
      } else {
        cause = by == caller ? EndCause.CALLER_HUNG_UP : EndCause.CALLEE_HUNG_UP;
      }
    }
    end(cause, by);
  }

  /** Drops carrier: both ends are told (NO CARRIER). */
  public void dropCarrier() {
    end(EndCause.CARRIER_LOST, null);
  }

  /** Ends the call because the simulator shuts down. */
  void shutDown() {
    end(EndCause.SHUTDOWN, null);
  }

  private void end(EndCause cause, Terminal notTold) {
    boolean wasConnected;
    long fromCaller = 0;
    long toCallerBytes = 0;
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      wasConnected = state == State.CONNECTED;
      state = State.ENDED;
      cancelTimers();
      if (wasConnected) {
        connectedMillis = (System.nanoTime() - connectedAtNanos) / 1_000_000;
        toCallee.close();
        toCaller.close();
        fromCaller = toCallee.delivered();
        toCallerBytes = toCaller.delivered();
      }
    }
    exchange.ended(this, outcome(wasConnected, cause), cause, connectedMillis, fromCaller,
        toCallerBytes);
    exchange.post(() -> {
      if (notTold != caller) {
        caller.ended(this, cause);
      }
      if (notTold != callee) {
        callee.ended(this, cause);
      }
    });
  }

  private static CallOutcome outcome(boolean wasConnected, EndCause cause) {
    if (wasConnected) {
      return CallOutcome.ANSWERED;
    }
    return switch (cause) {
      case NO_ANSWER -> CallOutcome.NO_ANSWER;
      case CARRIER_LOST -> CallOutcome.UNOBTAINABLE;
      default -> CallOutcome.ABANDONED;
    };
  }

  private void cancelTimers() {
    for (ScheduledFuture<?> t : timers) {
      t.cancel(false);
    }
    timers.clear();
  }

  Instant start() {
    return start;
  }

  @Override
  public String toString() {
    return "call " + id + " " + caller.number() + "->" + callee.number();
  }
}
