package org.connectivitybox.provision;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The option that unlocks an encrypted CA key. */
final class CaPassword {
  @Option(names = "--ca-password-file", paramLabel = "FILE",
      description = "File whose first line is the password of the CA key (if it is encrypted).")
  Path file;

  char[] get() throws ProvisionException {
    return file == null ? null : Files2.readPassword(file);
  }
}
