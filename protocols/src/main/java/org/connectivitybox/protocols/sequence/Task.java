package org.connectivitybox.protocols.sequence;

/**
 * A task the CSS can ask a box to carry out through a sequence number (Figure 11), with its name
 * on the wire.
 */
public enum Task {
  /** Address book synchronisation, sequence numbers 127 and 131 (ABSYNC / ABGET). */
  ADDRESS_BOOK("addressBook"),
  /** Configuration (re-configuration only), sequence numbers 129 and 133. */
  CONFIGURATION("configuration"),
  /** Firmware update, sequence numbers 128 and 132. */
  FIRMWARE("firmware");

  private final String wireName;

  Task(String wireName) {
    this.wireName = wireName;
  }

  /** The task's key in the JSON {@code sequenceNumbers} object. */
  public String wireName() {
    return wireName;
  }

  /** The task with that wire name, or null if there is none. */
  public static Task forWireName(String name) {
    for (Task t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
