package org.connectivitybox.pstnsim.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * The telephone exchange: numbered lines, routing of dialled numbers, ringing, barring, carrier
 * drop and the call log. Its one event thread runs every timer and delivers every event to the
 * terminals, in order. Thread-safe.
 *
 * <p>Routing is by exact number after the dial string's pauses and modifiers are removed. An
 * unknown number or a dead called line is UNOBTAINABLE (the caller's modem reports NO CARRIER);
 * a dead calling line has NO DIALTONE.
 */
public final class Exchange implements AutoCloseable {
  private final ExchangeSettings settings;
  private final Clock clock;
  private final CallLog log;
  private final CallBarring barring;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Map<String, Terminal> lines = new LinkedHashMap<>();
  private final Map<String, Presentation> presentations = new ConcurrentHashMap<>();
  private final Map<String, String> callerNames = new ConcurrentHashMap<>();
  private final Set<String> dead = ConcurrentHashMap.newKeySet();
  private final Set<Call> active = ConcurrentHashMap.newKeySet();
  private final AtomicLong ids = new AtomicLong();

  public Exchange(ExchangeSettings settings, Clock clock, CallLog log) {
    this.settings = settings;
    this.clock = clock;
    this.log = log;
    this.barring = new CallBarring(settings.barring(), clock);
    this.scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "exchange");
      t.setDaemon(true);
      return t;
    });
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Connects a terminal to its number.
   *
   * @param callerName the name sent with its caller ID, or null
   * @throws IllegalArgumentException if the number is taken
   */
  public synchronized void attach(Terminal terminal, Presentation presentation, String callerName) {
    if (lines.putIfAbsent(terminal.number(), terminal) != null) {
      throw new IllegalArgumentException("number " + terminal.number() + " is already in use");
    }
    presentations.put(terminal.number(), presentation);
    if (callerName != null) {
      callerNames.put(terminal.number(), callerName);
    }
  }

  /** The terminal on a number, if any. */
  public synchronized Optional<Terminal> line(String number) {
    return Optional.ofNullable(lines.get(number));
  }

  /** All numbers, in the order they were attached. */
  public synchronized List<String> numbers() {
    return new ArrayList<>(lines.keySet());
  }

  public boolean isDead(String number) {
    return dead.contains(number);
  }

  /** Marks a line dead (its calls lose carrier, it has no dial tone) or alive again. */
  public void setDead(String number, boolean isDead) {
    if (isDead) {
      dead.add(number);
      dropCarrier(number);
    } else {
      dead.remove(number);
    }
  }

  /**
   * Drops carrier on every call of a line, ringing or connected.
   *
   * @return the number of calls dropped
   */
  public int dropCarrier(String number) {
    int n = 0;
    for (Call c : List.copyOf(active)) {
      if (c.caller().number().equals(number) || c.callee().number().equals(number)) {
        c.dropCarrier();
        n++;
      }
    }
    return n;
  }

  /** The calls now ringing or connected. */
  public List<Call> activeCalls() {
    return List.copyOf(active);
  }

  /**
   * Places a call from {@code caller} to a number.
   *
   * @param dialled the number with dial modifiers already removed
   * @param pause the dial pauses before the call goes through
   * @param noAnswerAfter the caller's S7: how long it rings before NO ANSWER
   */
  public DialResult dial(Terminal caller, String dialled, Duration pause, Duration noAnswerAfter) {
    var start = clock.instant();
    if (isDead(caller.number())) {
      return refused(caller, dialled, CallOutcome.NO_DIALTONE, start, false);
    }
    switch (barring.check(caller.number(), dialled)) {
      case DELAYED:
        return refused(caller, dialled, CallOutcome.DELAYED, start, false);
      case BLACKLISTED:
        return refused(caller, dialled, CallOutcome.BLACKLISTED, start, false);
      default:
        break;
    }
    Terminal callee = line(dialled).orElse(null);
    if (callee == null || isDead(dialled)) {
      return refused(caller, dialled, CallOutcome.UNOBTAINABLE, start, true);
    }
    Call call = new Call(ids.incrementAndGet(), this, caller, callee, start,
        settings.cadenceFor(caller.number()), callerIdOf(caller.number()));
    if (callee == caller || !callee.offer(call)) {
      return refused(caller, dialled, CallOutcome.BUSY, start, true);
    }
    active.add(call);
    Logger.info("{}: ringing", call);
    call.startRinging(pause, noAnswerAfter);
    return new DialResult.Ringing(call);
  }

  private CallerId callerIdOf(String number) {
    return new CallerId(LocalDateTime.now(clock), presentations.get(number), number,
        callerNames.get(number));
  }

  private DialResult refused(Terminal caller, String dialled, CallOutcome outcome,
      java.time.Instant start, boolean countsForBarring) {
    if (countsForBarring) {
      barring.record(caller.number(), dialled, outcome);
    }
    Logger.info("call {} -> {}: {}", caller.number(), dialled, outcome);
    log.add(new CallRecord(ids.incrementAndGet(), caller.number(), dialled, outcome, start, 0,
        0, 0, 0, null));
    return new DialResult.Refused(outcome);
  }

  void ended(Call call, CallOutcome outcome, EndCause cause, long connectedMillis,
      long fromCaller, long toCaller) {
    active.remove(call);
    barring.record(call.caller().number(), call.callee().number(), outcome);
    Logger.info("{}: {} ({}), {} ms, {} / {} bytes", call, outcome, cause, connectedMillis,
        fromCaller, toCaller);
    log.add(new CallRecord(call.id(), call.caller().number(), call.callee().number(), outcome,
        call.start(), connectedMillis, call.rateBps(), fromCaller, toCaller, cause));
  }

  /** Runs an event on the event thread; dropped once the exchange is closed. */
  void post(Runnable event) {
    try {
      scheduler.execute(event);
    } catch (RejectedExecutionException e) {
      // closed: nobody is listening any more
    }
  }

  /** Runs a timer on the event thread; null once the exchange is closed. */
  ScheduledFuture<?> schedule(Runnable event, long delayNanos) {
    try {
      return scheduler.schedule(event, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** The event thread's scheduler, for terminals' own timers (escape guard, login timeout). */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public CallLog callLog() {
    return log;
  }

  /** Ends every call (SHUTDOWN) and stops the event thread, waiting at most 5 s. */
  @Override
  public void close() {
    for (Call c : List.copyOf(active)) {
      c.shutDown();
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
