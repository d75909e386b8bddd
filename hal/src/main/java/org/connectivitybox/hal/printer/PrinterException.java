package org.connectivitybox.hal.printer;

import java.io.IOException;

/**
 * The printer could not be reached or answered nonsense (connection refused, an HTTP error status,
 * a malformed IPP response, a folder that cannot be written); the message names the printer.
 */
public class PrinterException extends IOException {

  /** A failure described by {@code message}. */
  public PrinterException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public PrinterException(String message, Throwable cause) {
    super(message, cause);
  }
}
