package org.connectivitybox.provision;

import org.connectivitybox.protocols.tls.KeyAlgorithm;
import picocli.CommandLine.Option;

/** The --key-type option of the commands that make keys. */
final class KeyTypeOption {
  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256",
      description = "ec-p256 (default) or rsa-2048.")
  String keyType;

  KeyAlgorithm get() throws ProvisionException {
    try {
      return KeyAlgorithm.parse(keyType);
    } catch (IllegalArgumentException e) {
      throw new ProvisionException(e.getMessage(), e);
    }
  }
}
