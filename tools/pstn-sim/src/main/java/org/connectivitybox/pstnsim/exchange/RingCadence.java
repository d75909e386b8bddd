package org.connectivitybox.pstnsim.exchange;

import java.time.Duration;

/**
 * One ring cycle: the bell sounds for {@code on}, then is silent for {@code off}. UK/ETSI-like
 * default 2 s on, 4 s off; distinctive rings use other cadences.
 *
 * @throws IllegalArgumentException if a time is not positive or longer than 60 s
 */
public record RingCadence(Duration on, Duration off) {
  /** The default cadence: 2 s on, 4 s off. */
  public static final RingCadence DEFAULT = new RingCadence(Duration.ofSeconds(2), Duration.ofSeconds(4));

  public RingCadence {
    check(on, "on");
    check(off, "off");
  }

  private static void check(Duration d, String what) {
    if (d == null || d.isZero() || d.isNegative() || d.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("ring " + what + " time must be 1 ms to 60 s: " + d);
    }
  }

  /** The length of one whole cycle. */
  public Duration cycle() {
    return on.plus(off);
  }

  /** The on time in the 100 ms units of a {@code DRON=} report, rounded. */
  public long onTenths() {
    return Math.round(on.toMillis() / 100.0);
  }

  /** The off time in the 100 ms units of a {@code DROF=} report, rounded. */
  public long offTenths() {
    return Math.round(off.toMillis() / 100.0);
  }
}
