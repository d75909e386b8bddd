package org.connectivitybox.hal.time;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the injected timer of the devices that poll (the keypad scan),
 * so that a test can run each poll at once instead of sleeping.
 *
 * <p>Tasks run on the scheduler's thread; they must be short and must not throw.
 */
@FunctionalInterface
public interface Scheduler {

  /** Arranges for {@code task} to run after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that has not run yet can be cancelled; cancelling twice is harmless. */
  @FunctionalInterface
  interface Cancellable {
    /** Stops the task from running if it has not started yet. */
    void cancel();
  }

  /** A scheduler backed by an executor the caller owns (and shuts down). */
  static Scheduler of(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return (delay, task) -> {
      ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }
}
