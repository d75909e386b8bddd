package org.connectivitybox.hal.time;

/** A monotonic clock in nanoseconds: only differences between two readings mean anything. */
@FunctionalInterface
public interface Ticker {

  /** The current reading, in nanoseconds from an arbitrary origin. */
  long nanos();

  /** The JVM's monotonic clock, {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
