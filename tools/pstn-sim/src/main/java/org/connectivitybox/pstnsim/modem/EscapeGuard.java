package org.connectivitybox.pstnsim.modem;

/**
 * Detects the Hayes escape {@code +++} with guard time in the data a modem receives from its
 * computer: at least one guard time of silence, three {@code +} each within a guard time of the
 * one before, and one guard time of silence after. The {@code +} are data too (they go to the far
 * end, as on a Hayes modem). Pure: times are passed in, in nanoseconds.
 */
final class EscapeGuard {
  private long guardNanos;
  private long lastByteAt;
  private int plusses;

  /** Starts watching at {@code now} (CONNECT, or back online) with the given guard time. */
  void reset(long now, long guardNanos) {
    this.guardNanos = guardNanos;
    this.lastByteAt = now;
    this.plusses = 0;
  }

  /**
   * Takes bytes received at {@code now}.
   *
   * @return true if they end a complete {@code +++}: the caller checks {@link #escapeDue} one
   *     guard time later
   */
  boolean accept(byte[] data, int off, int len, long now) {
    if (guardNanos <= 0) {
      return false;
    }
    for (int i = off; i < off + len; i++) {
      boolean silentBefore = now - lastByteAt >= guardNanos;
      if (data[i] == '+' && (plusses == 0 ? silentBefore : !silentBefore) && plusses < 3) {
        plusses++;
      } else if (data[i] == '+' && silentBefore) {
        plusses = 1;
      } else {
        plusses = 0;
      }
      lastByteAt = now;
    }
    return plusses == 3;
  }

  /** True if a complete {@code +++} was followed by a guard time of silence. */
  boolean escapeDue(long now) {
    return guardNanos > 0 && plusses == 3 && now - lastByteAt >= guardNanos;
  }

  /** The guard time, in nanoseconds. */
  long guardNanos() {
    return guardNanos;
  }
}
