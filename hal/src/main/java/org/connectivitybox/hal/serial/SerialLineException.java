package org.connectivitybox.hal.serial;

import java.io.IOException;

/**
 * A serial line could not be opened or used; {@link #kind()} says why, the message names the line.
 */
public class SerialLineException extends IOException {

  /** Why a line failed. */
  public enum Kind {
    /** No such device, or nothing listens on the TCP port. */
    NOT_FOUND,
    /** Another process holds the device. */
    BUSY,
    /** The device exists but this process may not open it. */
    PERMISSION,
    /** The line failed while in use, or refused a setting. */
    IO,
    /** The line was closed, by us or by the far end. */
    CLOSED
  }

  private final Kind kind;

  public SerialLineException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SerialLineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
