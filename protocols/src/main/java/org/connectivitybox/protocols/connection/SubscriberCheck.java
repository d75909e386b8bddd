package org.connectivitybox.protocols.connection;

import java.util.Objects;
import org.connectivitybox.protocols.sequence.SequenceNumbers;

/**
 * What the CSS's subscriber lookup found for the CB ID of a new connection (Figure 7, Checking):
 * a current valid subscriber with its sequence numbers 130, or a refusal.
 *
 * @param refusal null if the subscriber may connect
 * @param cssNumbers the subscriber record's sequence numbers; empty when refused
 */
public record SubscriberCheck(ConnectRefusal refusal, SequenceNumbers cssNumbers) {
  public SubscriberCheck {
    Objects.requireNonNull(cssNumbers, "cssNumbers");
  }

  public static SubscriberCheck valid(SequenceNumbers cssNumbers) {
    return new SubscriberCheck(null, cssNumbers);
  }

  public static SubscriberCheck refused(ConnectRefusal reason) {
    return new SubscriberCheck(Objects.requireNonNull(reason, "reason"), SequenceNumbers.NONE);
  }
}
