package org.connectivitybox.pstnsim;

/** A user error the simulator reports as one line and exit status 2: a bad config, a busy port. */
public class PstnSimException extends Exception {
  public PstnSimException(String message) {
    super(message);
  }

  public PstnSimException(String message, Throwable cause) {
    super(message, cause);
  }
}
