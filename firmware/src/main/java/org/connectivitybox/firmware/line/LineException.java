package org.connectivitybox.firmware.line;

/**
 * The box could not get on line: the dial failed (busy, no dial tone, no answer...), the NAP
 * refused the login, or a step timed out. The message is short enough for the LCD's second row
 * after "Failed: " where it can be ({@link #shortReason()}).
 */
public final class LineException extends Exception {
  private final String shortReason;

  public LineException(String shortReason, String message, Throwable cause) {
    super(message, cause);
    this.shortReason = shortReason;
  }

  /** A word or two for the LCD: BUSY, NO DIALTONE, LOGIN REFUSED, NO LINE... */
  public String shortReason() {
    return shortReason;
  }
}
