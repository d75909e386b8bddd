package org.connectivitybox.protocols.transfer;

/**
 * How one transfer connection ended, on either side. Refusals and failures are typed results,
 * never exceptions.
 */
public sealed interface TransferOutcome {

  /** What the connection moved; its job is null if no valid SETUP was exchanged. */
  TransferCounts counts();

  /** The receiver checked the digest and took the document. */
  record Completed(TransferCounts counts) implements TransferOutcome {}

  /**
   * The receiver refused the SETUP; no data was sent.
   *
   * @param retryAfterSeconds 0 if retrying is pointless, else the receiver's advice
   */
  record Refused(RefuseReason reason, int retryAfterSeconds, String detail,
      TransferCounts counts) implements TransferOutcome {}

  /**
   * The transfer did not complete.
   *
   * @param resumable whether calling again with the same job and document may resume it (the
   *     receiver keeps what it acknowledged)
   */
  record Failed(FailureReason reason, boolean resumable, String detail, TransferCounts counts)
      implements TransferOutcome {}
}
