package org.connectivitybox.css.store;

/** The record an operation names does not exist. */
public final class NotFoundException extends StoreException {
  public NotFoundException(String message) {
    super(message);
  }
}
