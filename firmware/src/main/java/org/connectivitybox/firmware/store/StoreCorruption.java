package org.connectivitybox.firmware.store;

/**
 * A record of the box's store that is damaged or unreadable: the box reports it (LCD and log)
 * instead of running on what it cannot trust. The message names the record and the problem.
 */
public final class StoreCorruption extends Exception {
  private final String record;

  public StoreCorruption(String record, String message, Throwable cause) {
    super(record + ": " + message, cause);
    this.record = record;
  }

  /** The name of the damaged record. */
  public String record() {
    return record;
  }
}
