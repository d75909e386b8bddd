package org.connectivitybox.css.rows;

import java.time.Duration;
import org.connectivitybox.protocols.time.Scheduler;

/**
 * The scheduler of a state machine rebuilt from its database row for one transaction: it keeps
 * the task last armed instead of running it, and {@link #fire()} runs it when the row says the
 * time is up (the CSS keeps its timeouts as timestamps in the database, so that any node sees
 * the same expiry).
 */
public final class RowTimer implements Scheduler {
  private Runnable armed;

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    armed = task;
    return () -> {
      if (armed == task) {
        armed = null;
      }
    };
  }

  /** Runs the task armed last, if it was not cancelled. */
  public void fire() {
    Runnable task = armed;
    armed = null;
    if (task != null) {
      task.run();
    }
  }
}
