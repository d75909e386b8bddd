package org.connectivitybox.css.store;

import java.time.LocalTime;

/**
 * The hours of the subscriber's day (in its time zone) at which it accepts jobs, as minutes of
 * the day: {@code [from, until)}; {@code from > until} wraps past midnight; {@code 0..1440} is
 * the whole day.
 */
public record AllowedHours(int fromMinute, int untilMinute) {
  /** The whole day. */
  public static final AllowedHours ALL_DAY = new AllowedHours(0, 1440);

  /** @throws IllegalArgumentException if a bound is outside 0..1440 or the range is empty */
  public AllowedHours {
    if (fromMinute < 0 || fromMinute > 1440 || untilMinute < 0 || untilMinute > 1440) {
      throw new IllegalArgumentException("allowed hours must lie between 00:00 and 24:00");
    }
    if (fromMinute == untilMinute) {
      throw new IllegalArgumentException("allowed hours are empty: from equals until");
    }
  }

  /**
   * Parses {@code HH:MM} bounds; {@code 24:00} is allowed as the end of the day.
   *
   * @throws IllegalArgumentException with a one-line message on a malformed time
   */
  public static AllowedHours parse(String from, String until) {
    return new AllowedHours(minute(from, "from"), minute(until, "until"));
  }

  /** Whether a local time of the subscriber falls in these hours. */
  public boolean contains(LocalTime time) {
    int m = time.getHour() * 60 + time.getMinute();
    return fromMinute < untilMinute
        ? m >= fromMinute && m < untilMinute
        : m >= fromMinute || m < untilMinute;
  }

  /** {@code HH:MM} of the start. */
  public String from() {
    return text(fromMinute);
  }

  /** {@code HH:MM} of the end. */
  public String until() {
    return text(untilMinute);
  }

  private static String text(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }

  private static int minute(String text, String name) {
    if (text == null || !text.matches("[0-2][0-9]:[0-5][0-9]")) {
      throw new IllegalArgumentException("allowed hours '" + name + "' must be HH:MM, not '"
          + text + "'");
    }
    int m = Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    if (m > 1440) {
      throw new IllegalArgumentException("allowed hours '" + name + "' is past 24:00: " + text);
    }
    return m;
  }
}
