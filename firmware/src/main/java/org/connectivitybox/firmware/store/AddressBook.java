package org.connectivitybox.firmware.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.protocols.sendreceive.CbName;

/**
 * The box's address book 35: the boxes its user sends to, by the friendly name shown on the LCD,
 * each with the CB Name the SEND Request carries. Kept in the user's order; friendly names are
 * unique (case-insensitively), so that the LCD never shows two alike.
 */
public record AddressBook(List<Entry> entries) {
  /** The longest friendly name: it fits one 16-character LCD row. */
  public static final int MAX_FRIENDLY_NAME = 16;

  /** An empty book. */
  public static final AddressBook EMPTY = new AddressBook(List.of());

  /** One entry: the name the user knows, and the CB Name of that box. */
  public record Entry(String friendlyName, CbName cbName) {
    /** @throws IllegalArgumentException for a blank or too long friendly name */
    public Entry {
      Objects.requireNonNull(cbName, "cbName");
      if (friendlyName == null || friendlyName.isBlank()
          || friendlyName.strip().length() > MAX_FRIENDLY_NAME
          || friendlyName.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException("a friendly name is 1 to " + MAX_FRIENDLY_NAME
            + " characters without control characters: '" + friendlyName + "'");
      }
      friendlyName = friendlyName.strip();
    }
  }

  /** @throws IllegalArgumentException if two entries share a friendly name */
  public AddressBook {
    entries = List.copyOf(entries);
    Set<String> seen = new HashSet<>();
    for (Entry e : entries) {
      if (!seen.add(e.friendlyName().toLowerCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException("the friendly name '" + e.friendlyName()
            + "' is in the address book twice");
      }
    }
  }

  /** The entry with this friendly name (case-insensitive). */
  public Optional<Entry> find(String friendlyName) {
    return entries.stream().filter(e -> e.friendlyName().equalsIgnoreCase(friendlyName.strip()))
        .findFirst();
  }

  /** The entry for this CB Name, if the book has one. */
  public Optional<Entry> find(CbName cbName) {
    return entries.stream().filter(e -> e.cbName().equals(cbName)).findFirst();
  }

  /** This book with {@code entry} added at the end, or replacing the entry of the same name. */
  public AddressBook with(Entry entry) {
    List<Entry> out = new ArrayList<>();
    boolean replaced = false;
    for (Entry e : entries) {
      if (e.friendlyName().equalsIgnoreCase(entry.friendlyName())) {
        out.add(entry);
        replaced = true;
      } else {
        out.add(e);
      }
    }
    if (!replaced) {
      out.add(entry);
    }
    return new AddressBook(out);
  }

  /** This book without the entry of this friendly name. */
  public AddressBook without(String friendlyName) {
    return new AddressBook(entries.stream()
        .filter(e -> !e.friendlyName().equalsIgnoreCase(friendlyName)).toList());
  }
}
