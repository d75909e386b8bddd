package org.connectivitybox.loadgen;

import java.util.Arrays;

/**
 * The latency figures of one transaction type: how many were timed, and the median, 99th
 * percentile and maximum in nanoseconds (nearest rank, see {@link Percentiles}).
 */
record Latency(int count, long p50Nanos, long p99Nanos, long maxNanos) {
  static final Latency NONE = new Latency(0, 0, 0, 0);

  /** The figures of {@code samples} in nanoseconds; {@link #NONE} if there are none. */
  static Latency of(long[] samples) {
    if (samples.length == 0) {
      return NONE;
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return new Latency(sorted.length, Percentiles.ofSorted(sorted, 50),
        Percentiles.ofSorted(sorted, 99), sorted[sorted.length - 1]);
  }
}
