package org.connectivitybox.protocols.pstn;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/** Test time: stands still until {@link #advance} runs the timers that fall due. */
final class VirtualTime implements ModemTime {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private Instant now = Instant.parse("2026-11-25T14:12:00Z");
  private long sequence;

  private static final class Task implements Comparable<Task>, Cancellable {
    final Instant due;
    final long seq;
    final Runnable run;
    volatile boolean cancelled;

    Task(Instant due, long seq, Runnable run) {
      this.due = due;
      this.seq = seq;
      this.run = run;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(now.plus(delay), sequence++, task);
    tasks.add(t);
    notifyAll();
    return t;
  }

  /** Live (not cancelled) timers. */
  synchronized int pending() {
    tasks.removeIf(t -> t.cancelled);
    return tasks.size();
  }

  /**
   * Waits (at most 5 s of real time) until a timer falls due within {@code d}, so that the code
   * under test is surely waiting on it.
   */
  synchronized void awaitTimerWithin(Duration d) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!dueWithin(d)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("no timer falls due within " + d + " (5 s waited)");
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  private boolean dueWithin(Duration d) {
    tasks.removeIf(t -> t.cancelled);
    Instant limit = now.plus(d);
    return tasks.stream().anyMatch(t -> !t.due.isAfter(limit));
  }

  /**
   * Waits (at most 5 s of real time) until some timer is pending, then moves time on by
   * {@code d}, running every timer that falls due on the way.
   */
  void advance(Duration d) {
    Instant target;
    synchronized (this) {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (pending() == 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("no timer was set within 5 s; cannot advance time by " + d);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
      target = now.plus(d);
    }
    while (true) {
      Task next;
      synchronized (this) {
        tasks.removeIf(t -> t.cancelled);
        next = tasks.peek();
        if (next == null || next.due.isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        now = next.due;
      }
      next.run.run();
    }
  }
}
