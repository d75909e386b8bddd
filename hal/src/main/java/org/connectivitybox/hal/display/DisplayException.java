package org.connectivitybox.hal.display;

import java.io.IOException;

/** The display could not be reached or refused a command; the message names the device. */
public class DisplayException extends IOException {

  /** A failure described by {@code message}. */
  public DisplayException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public DisplayException(String message, Throwable cause) {
    super(message, cause);
  }
}
