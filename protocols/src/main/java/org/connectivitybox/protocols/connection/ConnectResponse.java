package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * CONNECT Response: granted, with the CSS's number of every task whose numbers differ, or refused
 * with a reason.
 *
 * @param refusal null if granted
 * @param mismatched the subscriber record's numbers 130 that differ from the request's; empty
 *     when refused
 */
public record ConnectResponse(ConnectRefusal refusal, SequenceNumbers mismatched) {
  /** @throws IllegalArgumentException if a refusal carries sequence numbers */
  public ConnectResponse {
    Objects.requireNonNull(mismatched, "mismatched");
    if (refusal != null && !mismatched.isEmpty()) {
      throw new IllegalArgumentException("a refused CONNECT carries no sequence numbers");
    }
  }

  public static ConnectResponse granted(SequenceNumbers mismatched) {
    return new ConnectResponse(null, mismatched);
  }

  public static ConnectResponse refused(ConnectRefusal reason) {
    return new ConnectResponse(Objects.requireNonNull(reason, "reason"), SequenceNumbers.NONE);
  }

  public boolean granted() {
    return refusal == null;
  }
}
