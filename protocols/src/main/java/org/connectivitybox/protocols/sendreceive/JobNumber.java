package org.connectivitybox.protocols.sendreceive;

/**
 * The number the CSS gives a data-transfer job on SEND; it identifies the job in the transfer
 * set-up, VERIFY and METERING.
 *
 * @param value 1 to {@value #MAX} (exact in every JSON reader)
 */
public record JobNumber(long value) {
  /** Largest job number: 2^53 - 1. */
  public static final long MAX = (1L << 53) - 1;

  /** @throws IllegalArgumentException if out of range */
  public JobNumber {
    if (value < 1 || value > MAX) {
      throw new IllegalArgumentException("job number " + value + " is outside 1.." + MAX);
    }
  }

  public static JobNumber of(long value) {
    return new JobNumber(value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
