package org.connectivitybox.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void theMedianOfOneToTenIsFiveByNearestRank() {
    long[] s = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    assertEquals(5, Percentiles.of(s, 50));
    assertEquals(10, Percentiles.of(s, 99));
    assertEquals(10, Percentiles.of(s, 100));
    assertEquals(1, Percentiles.of(s, 10));
    assertEquals(2, Percentiles.of(s, 10.1));
  }

  @Test
  void theNinetyNinthOfAHundredSamplesIsTheNinetyNinthSmallest() {
    long[] s = new long[100];
    for (int i = 0; i < 100; i++) {
      s[i] = 100 - i; // 100 .. 1, unsorted
    }
    assertEquals(99, Percentiles.of(s, 99));
    assertEquals(50, Percentiles.of(s, 50));
  }

  @Test
  void oneSampleIsEveryPercentileAndTheInputIsNotReordered() {
    assertEquals(7, Percentiles.of(new long[] {7}, 50));
    assertEquals(7, Percentiles.of(new long[] {7}, 99));
    long[] s = {3, 1, 2};
    Percentiles.of(s, 50);
    assertArrayEquals(new long[] {3, 1, 2}, s);
  }

  @Test
  void noSamplesOrAPercentileOutOfRangeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}, 100.5));
  }

  @Test
  void latencyFiguresOfNoSamplesAreZeroAndOfSamplesTheRanks() {
    assertEquals(Latency.NONE, Latency.of(new long[0]));
    assertEquals(new Latency(4, 2, 40, 40), Latency.of(new long[] {40, 1, 2, 3}));
  }
}
