package org.connectivitybox.protocols.ppp;

import java.io.IOException;

/**
 * The NAP (or the simulator standing in for it) broke docs/pstn.md section 3; the message names
 * what was expected and quotes what was received.
 */
public class NapProtocolException extends IOException {
  public NapProtocolException(String message) {
    super(message);
  }
}
