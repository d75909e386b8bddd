package org.connectivitybox.css.store;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * A subscriber record: the box a subscriber registered (Phase I), known by its CB ID.
 *
 * @param serialNumber the box's factory serial number, empty until a box is bound to it
 * @param createdAt set by the repository; null in a record not yet stored
 */
public record SubscriberRecord(CbId cbId, String cbName, Optional<SerialNumber> serialNumber,
    TelephoneNumber telephoneNumber, ZoneId timeZone, SubscriberRules rules,
    SubscriberStatus status, Instant createdAt, Instant updatedAt) {

  /** @throws IllegalArgumentException on a blank or over-long CB name, or a missing field */
  public SubscriberRecord {
    Objects.requireNonNull(cbId, "cbId");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(telephoneNumber, "telephoneNumber");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(status, "status");
    if (cbName == null || cbName.isBlank() || cbName.length() > 64
        || cbName.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a CB name is 1 to 64 printable characters");
    }
  }

  /** A new, active subscriber with open rules. */
  public static SubscriberRecord newSubscriber(CbId cbId, String cbName,
      TelephoneNumber telephoneNumber, ZoneId timeZone) {
    return new SubscriberRecord(cbId, cbName, Optional.empty(), telephoneNumber, timeZone,
        SubscriberRules.OPEN, SubscriberStatus.ACTIVE, null, null);
  }

  public SubscriberRecord withRules(SubscriberRules newRules) {
    return new SubscriberRecord(cbId, cbName, serialNumber, telephoneNumber, timeZone, newRules,
        status, createdAt, updatedAt);
  }

  public SubscriberRecord withSerialNumber(SerialNumber serial) {
    return new SubscriberRecord(cbId, cbName, Optional.of(serial), telephoneNumber, timeZone,
        rules, status, createdAt, updatedAt);
  }

  public boolean isActive() {
    return status == SubscriberStatus.ACTIVE;
  }
}
