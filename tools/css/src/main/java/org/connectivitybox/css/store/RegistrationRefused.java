package org.connectivitybox.css.store;

/** Phase I refused a registration, for a reason the call centre can act on. */
public final class RegistrationRefused extends RuntimeException {
  /** Why a registration was refused. */
  public enum Reason {
    /** No factory manifest listed the serial, or it was revoked. */
    UNKNOWN_SERIAL,
    /** A subscriber is registered with this serial already. */
    SERIAL_REGISTERED,
    /** Another subscriber has this CB name. */
    CB_NAME_TAKEN
  }

  private final Reason reason;

  public RegistrationRefused(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
