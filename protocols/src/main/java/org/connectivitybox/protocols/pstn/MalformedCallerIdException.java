package org.connectivitybox.protocols.pstn;

import org.connectivitybox.protocols.codec.MalformedMessageException;

/** A caller-ID frame is unreadable: not hex, truncated, of the wrong length or checksum. */
public class MalformedCallerIdException extends MalformedMessageException {
  public MalformedCallerIdException(String message) {
    super(message);
  }
}
