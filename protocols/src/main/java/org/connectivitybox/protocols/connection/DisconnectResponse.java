package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * DISCONNECT Response: confirmed (the connection is gone) or not (it stays on line), with the
 * mismatching sequence numbers in both cases.
 *
 * @param refusal null if the disconnection is confirmed
 * @param mismatched the CSS's numbers that differ from the request's
 */
public record DisconnectResponse(DisconnectRefusal refusal, SequenceNumbers mismatched) {
  public DisconnectResponse {
    Objects.requireNonNull(mismatched, "mismatched");
  }

  public static DisconnectResponse confirmed(SequenceNumbers mismatched) {
    return new DisconnectResponse(null, mismatched);
  }

  public static DisconnectResponse notConfirmed(DisconnectRefusal reason,
      SequenceNumbers mismatched) {
    return new DisconnectResponse(Objects.requireNonNull(reason, "reason"), mismatched);
  }

  public boolean confirmed() {
    return refusal == null;
  }
}
