package org.connectivitybox.css.store;

import java.time.Instant;
import java.util.Objects;
import org.connectivitybox.protocols.tls.CbId;

/**
 * A billing record the SRMS posts for a finished job: exactly one per job number.
 *
 * @param postedAt set by the repository; null in a record not yet posted
 */
public record BillingRecord(long jobNumber, CbId sender, CbId receiver, long bytes, int pages,
    String result, Instant jobStartedAt, Instant jobEndedAt, Instant postedAt) {
  /** @throws IllegalArgumentException on negative counts or a missing field */
  public BillingRecord {
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(jobStartedAt, "jobStartedAt");
    Objects.requireNonNull(jobEndedAt, "jobEndedAt");
    if (bytes < 0 || pages < 0) {
      throw new IllegalArgumentException("billed counts must not be negative");
    }
  }
}
