package org.connectivitybox.css.store;

import java.util.List;
import java.util.Objects;
import org.connectivitybox.protocols.tls.CbId;

/**
 * A subscriber's rules: who may send to it and at what hours of its day.
 *
 * @param allowedSenders the senders accepted under {@link SenderRule#LIST}; empty otherwise
 */
public record SubscriberRules(SenderRule senders, List<CbId> allowedSenders,
    AllowedHours allowedHours) {
  /** Anyone, at any hour. */
  public static final SubscriberRules OPEN =
      new SubscriberRules(SenderRule.ANYONE, List.of(), AllowedHours.ALL_DAY);

  /** @throws IllegalArgumentException if a list is given with another rule than LIST */
  public SubscriberRules {
    Objects.requireNonNull(senders, "senders");
    Objects.requireNonNull(allowedHours, "allowedHours");
    allowedSenders = List.copyOf(allowedSenders);
    if (senders != SenderRule.LIST && !allowedSenders.isEmpty()) {
      throw new IllegalArgumentException("allowedSenders is only for the rule LIST, not " + senders);
    }
  }
}
