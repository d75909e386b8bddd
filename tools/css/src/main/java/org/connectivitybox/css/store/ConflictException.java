package org.connectivitybox.css.store;

/** A write was refused because it would break a uniqueness rule (a CB name taken, a job billed twice). */
public final class ConflictException extends StoreException {
  public ConflictException(String message) {
    super(message);
  }
}
