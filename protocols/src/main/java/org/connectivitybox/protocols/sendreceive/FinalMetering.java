package org.connectivitybox.protocols.sendreceive;

import java.util.Objects;

/**
 * Final METERING: the totals of a finished transfer and whether it succeeded, as one end saw it.
 */
public record FinalMetering(JobNumber jobNumber, long bytes, long pages, boolean successful)
    implements Metering {
  /** @throws IllegalArgumentException if a count is out of range */
  public FinalMetering {
    Objects.requireNonNull(jobNumber, "jobNumber");
    Metering.checkCounts(bytes, pages);
  }
}
