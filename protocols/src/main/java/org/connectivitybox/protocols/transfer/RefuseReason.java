package org.connectivitybox.protocols.transfer;

import org.connectivitybox.protocols.sendreceive.VerifyRefusal;

/**
 * Why a receiver answered a SETUP with REFUSE, with its code on the wire. No data was accepted.
 */
public enum RefuseReason {
  /** VERIFY: the CSS knows no such job. */
  UNKNOWN_JOB(1, false),
  /** VERIFY: this box is not the job's receiver. */
  NOT_THE_RECEIVER(2, false),
  /** VERIFY: the set-up did not come from the job's sender's address. */
  WRONG_SENDER(3, false),
  /** VERIFY: the job is not Active at the CSS. */
  JOB_NOT_ACTIVE(4, false),
  /** VERIFY could not be made (the CSS did not answer); the sender may try again. */
  VERIFY_FAILED(5, true),
  /** The receiver's queue is full; the sender may try again after the advised delay. */
  BUSY(6, true),
  /** The SETUP's protocol version is not one this receiver speaks. */
  UNSUPPORTED_VERSION(7, false),
  /** The document is larger than this receiver takes. */
  TOO_LARGE(8, false),
  /** The receiver holds part of this job from another CB ID. */
  NOT_THE_SENDER(9, false),
  /** The receiver is shutting down; the sender may try again. */
  SHUTTING_DOWN(10, true);

  private final int code;
  private final boolean retryable;

  RefuseReason(int code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  /** The byte that names this reason on the wire. */
  public int code() {
    return code;
  }

  /** Whether the same set-up may succeed later. */
  public boolean retryable() {
    return retryable;
  }

  /** The reason with this code, or null. */
  public static RefuseReason ofCode(int code) {
    for (RefuseReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return null;
  }

  /** The refusal that carries a VERIFY refusal of the CSS. */
  public static RefuseReason of(VerifyRefusal refusal) {
    return switch (refusal) {
      case UNKNOWN_JOB -> UNKNOWN_JOB;
      case NOT_THE_RECEIVER -> NOT_THE_RECEIVER;
      case WRONG_SENDER -> WRONG_SENDER;
      case JOB_NOT_ACTIVE -> JOB_NOT_ACTIVE;
    };
  }
}
