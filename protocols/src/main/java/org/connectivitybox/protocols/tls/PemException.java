package org.connectivitybox.protocols.tls;

import java.io.IOException;

/** A PEM text could not be read as what was expected; the message names the source and why. */
public class PemException extends IOException {
  public PemException(String message) {
    super(message);
  }

  public PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
