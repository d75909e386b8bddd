package org.connectivitybox.provision;

import org.connectivitybox.protocols.tls.SerialNumber;

/** Parsing a serial number given on the command line, with the tool's error type. */
final class Serials {
  private Serials() {}

  static SerialNumber parse(String text) throws ProvisionException {
    try {
      return SerialNumber.of(text);
    } catch (IllegalArgumentException e) {
      throw new ProvisionException(e.getMessage(), e);
    }
  }
}
