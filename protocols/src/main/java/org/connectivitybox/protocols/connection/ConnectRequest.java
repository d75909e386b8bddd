package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * CONNECT Request: the box asks to go on line; it carries no identity (the CSS has the CB ID
 * from TLS) but carries the box's per-task sequence numbers.
 *
 * @param sequenceNumbers the box's numbers 126, one per task it knows
 * @param dataTransferPort the TCP port of the box's data-transfer server, which the CSS gives a
 *     sender together with the IP address it sees this connection come from; 1..65535
 */
public record ConnectRequest(SequenceNumbers sequenceNumbers, int dataTransferPort) {
  /** @throws IllegalArgumentException if the port is out of range */
  public ConnectRequest {
    Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
    if (dataTransferPort < 1 || dataTransferPort > 65535) {
      throw new IllegalArgumentException("data-transfer port " + dataTransferPort
          + " is outside 1..65535");
    }
  }
}
