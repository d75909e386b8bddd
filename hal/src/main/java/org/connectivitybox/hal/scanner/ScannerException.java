package org.connectivitybox.hal.scanner;

import java.io.IOException;

/** The scanner could not scan; {@link #kind()} says why, the message names the scanner. */
public class ScannerException extends IOException {

  /** Why a scan failed. */
  public enum Kind {
    /** The scanner (saned, the inbox folder) cannot be reached. */
    UNREACHABLE,
    /** No such scanner device. */
    NO_SUCH_DEVICE,
    /** The scanner is in use by someone else. */
    BUSY,
    /** Paper jammed in the feeder. */
    JAMMED,
    /** The cover is open. */
    COVER_OPEN,
    /** Access denied. */
    ACCESS_DENIED,
    /** Anything else; the message has the scanner's words. */
    IO
  }

  private final Kind kind;

  /** A failure of {@code kind} described by {@code message}. */
  public ScannerException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** A failure of {@code kind} described by {@code message}, caused by {@code cause}. */
  public ScannerException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** Why the scan failed. */
  public Kind kind() {
    return kind;
  }
}
