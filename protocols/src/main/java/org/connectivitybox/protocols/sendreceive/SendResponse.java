package org.connectivitybox.protocols.sendreceive;

import java.util.Objects;

/**
 * SEND Response: accepted, with the job number and the receiver's data-transfer address, or
 * refused with a typed reason.
 *
 * @param refusal null if accepted
 * @param jobNumber null if refused
 * @param receiverAddress null if refused
 */
public record SendResponse(SendRefusal refusal, JobNumber jobNumber,
    TransferAddress receiverAddress) {
  /** @throws IllegalArgumentException unless exactly one of refusal and (job, address) is given */
  public SendResponse {
    boolean accepted = jobNumber != null && receiverAddress != null;
    boolean refused = refusal != null && jobNumber == null && receiverAddress == null;
    if (accepted == refused) {
      throw new IllegalArgumentException(
          "a SEND Response has either a job number and receiver address, or a refusal");
    }
  }

  public static SendResponse accepted(JobNumber job, TransferAddress receiver) {
    return new SendResponse(null, Objects.requireNonNull(job, "job"),
        Objects.requireNonNull(receiver, "receiver"));
  }

  public static SendResponse refused(SendRefusal reason) {
    return new SendResponse(Objects.requireNonNull(reason, "reason"), null, null);
  }

  public boolean accepted() {
    return refusal == null;
  }
}
