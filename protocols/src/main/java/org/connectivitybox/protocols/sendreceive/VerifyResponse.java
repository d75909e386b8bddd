package org.connectivitybox.protocols.sendreceive;

import java.util.Objects;

/**
 * VERIFY Response: the transfer is confirmed, or refused with a reason.
 *
 * @param refusal null if confirmed
 */
public record VerifyResponse(VerifyRefusal refusal) {
  public static final VerifyResponse CONFIRMED = new VerifyResponse(null);

  public static VerifyResponse refused(VerifyRefusal reason) {
    return new VerifyResponse(Objects.requireNonNull(reason, "reason"));
  }

  public boolean confirmed() {
    return refusal == null;
  }
}
