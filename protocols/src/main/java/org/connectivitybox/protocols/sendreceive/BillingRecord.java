package org.connectivitybox.protocols.sendreceive;

import java.time.Instant;
import java.util.Objects;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The job details the CSS posts to the subscriber record management system (SRMS 23) once per
 * job, when it leaves ACTIVE.
 *
 * @param senderFinal the sender's final METERING; null if it never came (job timed out)
 * @param receiverFinal the receiver's final METERING; null if it never came
 * @param opened when the SEND Request arrived
 * @param closed when the job entered POSTING
 */
public record BillingRecord(JobNumber job, CbId sender, CbId receiver, CbName receiverName,
    Instant opened, Instant closed, FinalMetering senderFinal, FinalMetering receiverFinal) {
  public BillingRecord {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(receiver, "receiver");
    Objects.requireNonNull(receiverName, "receiverName");
    Objects.requireNonNull(opened, "opened");
    Objects.requireNonNull(closed, "closed");
  }

  /** Both ends sent their final METERING. */
  public boolean complete() {
    return senderFinal != null && receiverFinal != null;
  }
}
