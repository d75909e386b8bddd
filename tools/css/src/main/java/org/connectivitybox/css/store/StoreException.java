package org.connectivitybox.css.store;

/** A database operation failed; the message is one line, fit for an operator. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
