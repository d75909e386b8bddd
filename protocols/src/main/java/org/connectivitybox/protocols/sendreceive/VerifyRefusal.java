package org.connectivitybox.protocols.sendreceive;

/** Why the CSS did not confirm a transfer (the receiver drops the set-up). */
public enum VerifyRefusal {
  /** No job has this number. */
  UNKNOWN_JOB,
  /** The job exists but the caller is not its receiver. */
  NOT_THE_RECEIVER,
  /** The set-up did not come from the address the CSS knows for the job's sender. */
  WRONG_SENDER,
  /** The job is not Active (still Opening, or already Posting). */
  JOB_NOT_ACTIVE
}
