package org.connectivitybox.protocols.transfer;

import org.connectivitybox.protocols.codec.MalformedMessageException;

/** A SETUP announces a protocol version this implementation does not speak. */
public final class UnsupportedVersionException extends MalformedMessageException {
  private final int version;

  public UnsupportedVersionException(int version) {
    super("SETUP: protocol version " + version + " is not supported (only "
        + TransferMessage.VERSION + ")");
    this.version = version;
  }

  /** The version the peer asked for. */
  public int version() {
    return version;
  }
}
