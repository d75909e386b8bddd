package org.connectivitybox.provision;

import java.nio.file.Path;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init-factory-ca", mixinStandardHelpOptions = true,
    description = "Make a factory sub-CA signed by the Root CA, so that the root key need not sit on the factory line. Writes SUB_DIR/ca.crt, SUB_DIR/ca.key and SUB_DIR/issuers.crt (the root); use SUB_DIR as --ca of the other commands.")
final class InitFactoryCaCommand extends ToolCommand {
  @Option(names = "--root", required = true, paramLabel = "ROOT_DIR", description = "Folder of the Root CA.")
  Path root;

  @Mixin
  CaPassword rootPassword;

  @Option(names = "--dir", required = true, paramLabel = "SUB_DIR", description = "Folder of the new sub-CA.")
  Path dir;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "Connectivity Box Factory CA",
      description = "Common name of the sub-CA. Default: ${DEFAULT-VALUE}.")
  String name;

  @Mixin
  KeyTypeOption keyType;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "Encrypt the sub-CA's key with the password on the first line of FILE.")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    CertificateAuthority rootCa = CaFolder.load(root, rootPassword.get());
    char[] password = passwordFile == null ? null : Files2.readPassword(passwordFile);
    CertificateAuthority sub = rootCa.createFactoryCa(name, keyType.get());
    CaFolder.create(dir, sub, password);
    out().println("Factory CA '" + name + "' signed by '"
        + rootCa.certificate().getSubjectX500Principal().getName() + "' written to " + dir);
    return 0;
  }
}
