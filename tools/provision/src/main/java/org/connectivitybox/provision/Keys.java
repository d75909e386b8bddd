package org.connectivitybox.provision;

import org.connectivitybox.protocols.tls.KeyAlgorithm;

/** Parsing the --key-type option, with the tool's error type. */
final class Keys {
  private Keys() {}

  static KeyAlgorithm algorithm(String text) throws ProvisionException {
    try {
      return KeyAlgorithm.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ProvisionException(e.getMessage(), e);
    }
  }
}
