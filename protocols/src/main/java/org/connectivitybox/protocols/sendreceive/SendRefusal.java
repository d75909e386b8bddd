package org.connectivitybox.protocols.sendreceive;

/** Why the CSS refused a SEND (Figure 8: the job is destroyed in Opening). */
public enum SendRefusal {
  /** No subscriber has this CB Name. */
  UNKNOWN_RECEIVER,
  /** The receiver is not a current valid subscriber. */
  NOT_A_VALID_SUBSCRIBER,
  /** The receiver's rules do not allow this sender. */
  SENDER_NOT_ALLOWED,
  /** The receiver's rules do not allow transfers at this time of day. */
  OUTSIDE_ALLOWED_HOURS,
  /** The receiver was not connected and the wakeup call could not be made (busy, no line). */
  WAKEUP_FAILED,
  /** The receiver was woken but did not connect within the wakeup timeout. */
  WAKEUP_TIMED_OUT
}
