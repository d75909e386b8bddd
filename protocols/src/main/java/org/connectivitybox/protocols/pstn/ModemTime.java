package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and timer the modem driver runs on, injected so that tests drive every timeout and
 * guard time without sleeping ({@link SystemModemTime} on the box).
 *
 * <p>Tasks run on the timer's own thread and must be fast; they never throw.
 */
public interface ModemTime {

  /** The current instant. */
  Instant now();

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can still be cancelled. */
  interface Cancellable {
    /** Cancels the task if it has not run; idempotent. */
    void cancel();
  }
}
