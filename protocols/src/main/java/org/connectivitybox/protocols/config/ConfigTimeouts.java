package org.connectivitybox.protocols.config;

import java.time.Duration;

/**
 * The "CFG Timeouts" of parameters 190: how long each step of (re-)configuration may take, and
 * how the box backs off between attempts.
 *
 * @param callSetup dialling the configuration NAP until CONNECT (default 90 s)
 * @param login PPP login at the NAP until an address is assigned (default 45 s)
 * @param download waiting, once on line, for the CSS's configuration manager to deliver
 *     parameters 191 (default 10 min)
 * @param retryInitial the first pause after a failed attempt; doubled after each failure
 *     (default 1 min)
 * @param retryMax the longest pause between attempts (default 2 h)
 */
public record ConfigTimeouts(Duration callSetup, Duration login, Duration download,
    Duration retryInitial, Duration retryMax) {

  /** The largest value any of these timeouts may have. */
  public static final Duration LIMIT = Duration.ofDays(1);

  /** The defaults the factory writes unless told otherwise. */
  public static final ConfigTimeouts DEFAULTS = new ConfigTimeouts(Duration.ofSeconds(90),
      Duration.ofSeconds(45), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(2));

  /** @throws IllegalArgumentException if a value is not positive, above a day, or the retries inverted */
  public ConfigTimeouts {
    check("callSetup", callSetup);
    check("login", login);
    check("download", download);
    check("retryInitial", retryInitial);
    check("retryMax", retryMax);
    if (retryMax.compareTo(retryInitial) < 0) {
      throw new IllegalArgumentException("retryMax (" + retryMax.toSeconds()
          + " s) is shorter than retryInitial (" + retryInitial.toSeconds() + " s)");
    }
  }

  private static void check(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.compareTo(LIMIT) > 0) {
      throw new IllegalArgumentException(
          name + " must be between 1 s and " + LIMIT.toSeconds() + " s: " + d);
    }
  }
}
