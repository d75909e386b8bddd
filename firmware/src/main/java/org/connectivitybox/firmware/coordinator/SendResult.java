package org.connectivitybox.firmware.coordinator;

import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.transfer.TransferCounts;

/** How the user's SEND ended. */
public sealed interface SendResult {
  /** The document reached the receiver whole (its digest checked there). */
  record Delivered(JobNumber job, String sha256, TransferCounts counts) implements SendResult {}

  /** The CSS or the receiver said no; {@code reason} is their word (SENDER_NOT_ALLOWED...). */
  record Refused(String reason) implements SendResult {}

  /** It could not be done: {@code shortReason} for the LCD (BUSY, NO LINE...), then the detail. */
  record Failed(String shortReason, String detail) implements SendResult {}
}
