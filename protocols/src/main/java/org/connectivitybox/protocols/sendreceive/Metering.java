package org.connectivitybox.protocols.sendreceive;

/**
 * A METERING message from either end of a job: interim during the transfer, final at its end.
 * There is no response body (HTTP 204).
 *
 * <p>Both counts are totals since the start of the job, not increments, so a lost interim
 * message loses nothing.
 */
public sealed interface Metering permits InterimMetering, FinalMetering {
  /** Largest byte or page count accepted: 2^53 - 1. */
  long MAX_COUNT = (1L << 53) - 1;

  JobNumber jobNumber();

  /** Bytes of document data transferred so far. */
  long bytes();

  /** Pages transferred so far. */
  long pages();

  /** @throws IllegalArgumentException naming the count that is out of range */
  static void checkCounts(long bytes, long pages) {
    if (bytes < 0 || bytes > MAX_COUNT) {
      throw new IllegalArgumentException("bytes " + bytes + " is outside 0.." + MAX_COUNT);
    }
    if (pages < 0 || pages > MAX_COUNT) {
      throw new IllegalArgumentException("pages " + pages + " is outside 0.." + MAX_COUNT);
    }
  }
}
