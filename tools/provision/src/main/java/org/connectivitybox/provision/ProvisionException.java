package org.connectivitybox.provision;

/**
 * A user error the tool reports as one line and exit status 2: bad input, a missing or existing
 * file, a wrong CA password. Nothing has been left half-written when it is thrown.
 */
public class ProvisionException extends Exception {
  public ProvisionException(String message) {
    super(message);
  }

  public ProvisionException(String message, Throwable cause) {
    super(message, cause);
  }
}
