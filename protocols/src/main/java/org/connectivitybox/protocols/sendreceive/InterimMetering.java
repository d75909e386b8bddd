package org.connectivitybox.protocols.sendreceive;

import java.util.Objects;

/** Interim METERING: progress during a transfer; it changes nothing at the CSS. */
public record InterimMetering(JobNumber jobNumber, long bytes, long pages) implements Metering {
  /** @throws IllegalArgumentException if a count is out of range */
  public InterimMetering {
    Objects.requireNonNull(jobNumber, "jobNumber");
    Metering.checkCounts(bytes, pages);
  }
}
