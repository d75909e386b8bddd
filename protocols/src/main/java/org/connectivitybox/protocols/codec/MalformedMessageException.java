package org.connectivitybox.protocols.codec;

import java.io.IOException;

/**
 * Bytes that should hold a message or a stored record of this system do not; the message says
 * which field is wrong and how ({@code "params190: field 'configNap.password' is missing"}).
 */
public class MalformedMessageException extends IOException {
  public MalformedMessageException(String message) {
    super(message);
  }

  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
