package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * The special sequence-number check response.
 *
 * @param mismatched the CSS's numbers that differ from the request's
 */
public record SequenceCheckResponse(SequenceNumbers mismatched) {
  public SequenceCheckResponse {
    Objects.requireNonNull(mismatched, "mismatched");
  }
}
