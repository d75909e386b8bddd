package org.connectivitybox.hal.store;

import java.io.IOException;

/**
 * A record in the persistent store is present but unreadable: truncated, of an unknown format,
 * or failing its checksum. The message names the record and what is wrong with it; the record's
 * previous content is not recoverable from the store, so the owner of the record decides what to
 * do (for parameters 191, start reconfiguration).
 */
public class StoreCorruptedException extends IOException {
  private final String recordName;

  public StoreCorruptedException(String recordName, String message) {
    super("store record '" + recordName + "' is corrupt: " + message);
    this.recordName = recordName;
  }

  public String recordName() {
    return recordName;
  }
}
