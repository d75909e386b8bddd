package org.connectivitybox.css.store;

import java.util.List;
import java.util.Objects;

/**
 * What a call-centre agent registers in Phase I (Figure 15): the subscriber record (with the
 * box's serial number and a generated CB ID), the SRMS record (name, postal address, billing
 * data), the friendly name the box's LCD will show, and the initial master address book.
 *
 * @param subscriber the subscriber record to create; it must carry a serial number
 * @param billingJson the call centre's billing data, a JSON object as text (not read by the CSS)
 */
public record Registration(SubscriberRecord subscriber, String name, String postalAddress,
    String billingJson, String friendlyName, List<AddressBooks.Entry> addressBook) {
  /** The longest friendly name parameters 191 carry. */
  public static final int MAX_FRIENDLY_NAME = 32;

  /** @throws IllegalArgumentException with a one-line message for a missing or long field */
  public Registration {
    Objects.requireNonNull(subscriber, "subscriber");
    if (subscriber.serialNumber().isEmpty()) {
      throw new IllegalArgumentException("a registration needs the box's serial number");
    }
    name = text("name", name, 200);
    postalAddress = text("postalAddress", postalAddress, 1000);
    Objects.requireNonNull(billingJson, "billingJson");
    if (billingJson.length() > 8000) {
      throw new IllegalArgumentException("billing is longer than 8000 characters");
    }
    addressBook = List.copyOf(addressBook);
    AddressBooks.checkDistinct(addressBook);
    friendlyName = text("friendlyName", friendlyName, MAX_FRIENDLY_NAME);
    if (friendlyName.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("friendlyName has a control character");
    }
  }

  private static String text(String field, String v, int max) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    String t = v.strip();
    if (t.length() > max) {
      throw new IllegalArgumentException(field + " is longer than " + max + " characters");
    }
    return t;
  }
}
