package org.connectivitybox.pstnsim.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * ETSI-style repeat-call barring (as TBR 21 asks of modems, kept here in the exchange): after
 * {@code failuresBeforeDelay} unsuccessful calls in a row from one line to one number, that
 * number is DELAYED for {@code delay} after each failure; after {@code failuresBeforeBlacklist}
 * it is BLACKLISTED until the simulator restarts. A call that connects clears the count. Busy,
 * no answer and unobtainable count as unsuccessful; a call the caller abandoned does not (the
 * CSS's wakeup calls are abandoned on purpose). Thread-safe.
 */
public final class CallBarring {
  /** The barring rules; {@code enabled = false} bars nothing. */
  public record Rules(boolean enabled, int failuresBeforeDelay, Duration delay,
      int failuresBeforeBlacklist) {
    /** Off; with ETSI-like figures (3 failures, 60 s, 12 failures) should it be turned on. */
    public static final Rules OFF = new Rules(false, 3, Duration.ofSeconds(60), 12);

    public Rules {
      if (failuresBeforeDelay < 1 || failuresBeforeBlacklist < failuresBeforeDelay) {
        throw new IllegalArgumentException(
            "need 1 <= failuresBeforeDelay <= failuresBeforeBlacklist");
      }
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative");
      }
    }
  }

  /** What barring says about a call attempt. */
  public enum Verdict { ALLOWED, DELAYED, BLACKLISTED }

  private record Count(int failures, Instant last) {}

  private final Rules rules;
  private final Clock clock;
  private final Map<String, Count> counts = new HashMap<>();

  public CallBarring(Rules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /** Whether {@code from} may dial {@code to} now. */
  public synchronized Verdict check(String from, String to) {
    Count c = counts.get(from + ">" + to);
    if (!rules.enabled() || c == null) {
      return Verdict.ALLOWED;
    }
    if (c.failures() >= rules.failuresBeforeBlacklist()) {
      return Verdict.BLACKLISTED;
    }
    if (c.failures() >= rules.failuresBeforeDelay()
        && clock.instant().isBefore(c.last().plus(rules.delay()))) {
      return Verdict.DELAYED;
    }
    return Verdict.ALLOWED;
  }

  /** Records how an allowed attempt ended. */
  public synchronized void record(String from, String to, CallOutcome outcome) {
    String key = from + ">" + to;
    switch (outcome) {
      case ANSWERED -> counts.remove(key);
      case BUSY, NO_ANSWER, UNOBTAINABLE -> {
        Count c = counts.get(key);
        counts.put(key, new Count(c == null ? 1 : c.failures() + 1, clock.instant()));
      }
      default -> { }
    }
  }
}
