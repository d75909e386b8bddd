package org.connectivitybox.hal.board;

import java.io.IOException;

/** The board's I/O (Pi4J context, a GPIO pin) could not be opened or used; the message says which. */
public class BoardException extends IOException {

  /** A failure described by {@code message}, caused by {@code cause}. */
  public BoardException(String message, Throwable cause) {
    super(message, cause);
  }
}
