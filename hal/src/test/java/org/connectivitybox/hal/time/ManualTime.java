package org.connectivitybox.hal.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and scheduler that only move when the test says: {@link #advance} runs what falls due. */
public final class ManualTime implements Ticker, Scheduler {

  private long now;
  private long sequence;
  private final List<Task> tasks = new ArrayList<>();

  private static final class Task {
    final long due;
    final long order;
    final Runnable runnable;
    boolean cancelled;

    Task(long due, long order, Runnable runnable) {
      this.due = due;
      this.order = order;
      this.runnable = runnable;
    }
  }

  @Override
  public synchronized long nanos() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now + delay.toNanos(), sequence++, task);
    tasks.add(t);
    return () -> {
      synchronized (ManualTime.this) {
        t.cancelled = true;
      }
    };
  }

  /** Moves the clock forward by {@code step}, running each task when its time comes. */
  public void advance(Duration step) {
    long end;
    synchronized (this) {
      end = now + step.toNanos();
    }
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        next = tasks.stream()
            .filter(t -> t.due <= end)
            .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.order))
            .orElse(null);
        if (next == null) {
          now = end;
          return;
        }
        tasks.remove(next);
        now = next.due;
      }
      next.runnable.run();
    }
  }

  /** Tasks waiting to run. */
  public synchronized int pending() {
    tasks.removeIf(t -> t.cancelled);
    return tasks.size();
  }
}
