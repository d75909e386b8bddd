package org.connectivitybox.css;

/** The CSS cannot start or go on; the message is one line for the operator. */
public final class CssException extends Exception {
  public CssException(String message) {
    super(message);
  }

  public CssException(String message, Throwable cause) {
    super(message, cause);
  }
}
