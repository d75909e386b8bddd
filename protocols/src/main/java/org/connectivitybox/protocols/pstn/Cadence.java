package org.connectivitybox.protocols.pstn;

import java.time.Duration;

/**
 * A ring cadence: how long the bell rings and how long it pauses, as a modem reports it with
 * {@code DRON}/{@code DROF}. Two cadences match when both times agree within a tolerance of a
 * quarter of the expected time or 200 ms, whichever is larger (modems measure in 100 ms steps and
 * exchanges are not exact).
 */
public record Cadence(Duration on, Duration off) {
  private static final Duration MIN_TOLERANCE = Duration.ofMillis(200);

  /** @throws IllegalArgumentException if a time is not positive */
  public Cadence {
    if (on == null || off == null || on.isNegative() || on.isZero() || off.isNegative()
        || off.isZero()) {
      throw new IllegalArgumentException("ring cadence times must be positive: " + on + ", " + off);
    }
  }

  /** True if a measured cadence agrees with this expected one within the tolerance. */
  public boolean matches(Duration measuredOn, Duration measuredOff) {
    return close(on, measuredOn) && close(off, measuredOff);
  }

  private static boolean close(Duration expected, Duration measured) {
    Duration tolerance = expected.dividedBy(4);
    if (tolerance.compareTo(MIN_TOLERANCE) < 0) {
      tolerance = MIN_TOLERANCE;
    }
    return measured.minus(expected).abs().compareTo(tolerance) <= 0;
  }
}
