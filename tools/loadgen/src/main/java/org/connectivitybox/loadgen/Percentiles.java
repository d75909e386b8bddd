package org.connectivitybox.loadgen;

import java.util.Arrays;

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n samples is the smallest
 * sample with at least p % of the samples at or below it (rank ⌈p/100 · n⌉). No interpolation,
 * so every figure printed is a latency that was actually measured.
 */
final class Percentiles {
  private Percentiles() {}

  /**
   * The p-th percentile of {@code samples} (not modified).
   *
   * @param p in (0, 100]
   * @throws IllegalArgumentException if there are no samples or p is out of range
   */
  static long of(long[] samples, double p) {
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, p);
  }

  /** As {@link #of}, for samples sorted ascending. */
  static long ofSorted(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("a percentile is in (0, 100], not " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }
}
