package org.connectivitybox.hal.time;

import java.time.Duration;

/**
 * Waits at least a given time: the delays a device's datasheet demands between two commands (an
 * HD44780 needs 4.1 ms after its first function set). Tests inject one that only records.
 */
@FunctionalInterface
public interface Pause {

  /**
   * Returns after at least {@code duration}.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void pause(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread; sub-millisecond waits are rounded up to whole nanoseconds. */
  static Pause sleeping() {
    return d -> {
      long nanos = d.toNanos();
      if (nanos > 0) {
        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
      }
    };
  }
}
