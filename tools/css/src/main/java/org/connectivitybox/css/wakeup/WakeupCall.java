package org.connectivitybox.css.wakeup;

import java.util.Objects;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;

/**
 * One wakeup to place: the box, the number its line answers to, and the job that waits for it
 * (for the logs and the webhook; the call is the same for any job).
 */
public record WakeupCall(CbId cbId, TelephoneNumber number, long jobNumber) {
  public WakeupCall {
    Objects.requireNonNull(cbId, "cbId");
    Objects.requireNonNull(number, "number");
  }
}
