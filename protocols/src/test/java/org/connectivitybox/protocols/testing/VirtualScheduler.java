package org.connectivitybox.protocols.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.connectivitybox.protocols.time.Scheduler;

/**
 * Virtual time for the state-machine tests: a clock and a scheduler that move only when
 * {@link #advance} says, so a 90-second timeout fires in microseconds.
 */
public final class VirtualScheduler extends Clock implements Scheduler {
  private Instant now = Instant.parse("2026-11-25T14:00:00Z");
  private final List<Task> tasks = new ArrayList<>();

  private static final class Task {
    final Instant due;
    final Runnable run;
    boolean cancelled;

    Task(Instant due, Runnable run) {
      this.due = due;
      this.run = run;
    }
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now.plus(delay), task);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        t.cancelled = true;
      }
    };
  }

  /** Moves time on by {@code d}, running every task that falls due, in order, on this thread. */
  public void advance(Duration d) {
    Instant until;
    synchronized (this) {
      until = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.stream().filter(t -> !t.cancelled && !t.due.isAfter(until))
            .min(Comparator.comparing(t -> t.due)).orElse(null);
        if (next == null) {
          now = until;
          return;
        }
        tasks.remove(next);
        now = next.due;
      }
      next.run.run();
    }
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public synchronized long pending() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }
}
