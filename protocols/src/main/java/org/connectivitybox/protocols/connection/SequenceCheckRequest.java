package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * The special sequence-number check request, which the box may send at any time it is On Line.
 *
 * @param sequenceNumbers the box's numbers 126
 */
public record SequenceCheckRequest(SequenceNumbers sequenceNumbers) {
  public SequenceCheckRequest {
    Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
  }
}
