package org.connectivitybox.protocols.absync;

import java.util.List;
import java.util.Objects;
import org.connectivitybox.protocols.sendreceive.CbName;

/**
 * The answer of ABGET: the subscriber's master address book as the CSS keeps it, and the CSS's
 * address-book sequence number the box takes over once it has stored the book.
 */
public record AddressBookDownload(long sequenceNumber, List<Entry> entries) {
  /** One entry: the box's CB Name and the name its owner knows it by. */
  public record Entry(CbName cbName, String friendlyName) {
    public Entry {
      Objects.requireNonNull(cbName, "cbName");
      Objects.requireNonNull(friendlyName, "friendlyName");
    }
  }

  public AddressBookDownload {
    entries = List.copyOf(entries);
    if (sequenceNumber < 0) {
      throw new IllegalArgumentException("sequence number must not be negative: "
          + sequenceNumber);
    }
  }
}
