package org.connectivitybox.css.store;

/** Who may send to a subscriber; enforced on SEND. */
public enum SenderRule {
  /** Any subscriber. */
  ANYONE,
  /** Only subscribers in the receiver's address book. */
  ADDRESS_BOOK,
  /** Only the CB IDs listed in the receiver's rules. */
  LIST
}
