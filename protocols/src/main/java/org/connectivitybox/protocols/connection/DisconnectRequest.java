package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * DISCONNECT Request: the box asks to go off line, reporting its sequence numbers again so that
 * the CSS can name tasks to do before it goes (Figure 11, comparison at DISCONNECT).
 *
 * @param sequenceNumbers the box's numbers 126
 */
public record DisconnectRequest(SequenceNumbers sequenceNumbers) {
  public DisconnectRequest {
    Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
  }
}
