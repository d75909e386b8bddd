package org.connectivitybox.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, smallest and largest of a set of measurements. The median of an even count is the mean
 * of the two middle values.
 */
record Spread(double median, double min, double max, int count) {

  /** @throws IllegalArgumentException if {@code values} is empty */
  static Spread of(List<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    List<Double> sorted = new ArrayList<>();
    for (Number v : values) {
      sorted.add(v.doubleValue());
    }
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2)
        : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
  }
}
