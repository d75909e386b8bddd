package org.connectivitybox.protocols.transfer;

import java.util.Objects;
import org.connectivitybox.protocols.sendreceive.VerifyRefusal;

/** What a {@link Verifier} learnt from the CSS. */
public sealed interface VerifyResult {
  /** The CSS confirmed the job and the sender's address. */
  record Confirmed() implements VerifyResult {}

  /** The CSS refused, with its reason. */
  record Refused(VerifyRefusal reason) implements VerifyResult {
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** No answer could be had (link down, error status, timeout); the sender may retry. */
  record Failed(String why) implements VerifyResult {}

  VerifyResult CONFIRMED = new Confirmed();

  static VerifyResult refused(VerifyRefusal reason) {
    return new Refused(reason);
  }

  static VerifyResult failed(String why) {
    return new Failed(why);
  }
}
