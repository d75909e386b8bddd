package org.connectivitybox.provision;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init-factory-ca", mixinStandardHelpOptions = true,
    description = "Make a factory sub-CA signed by the Root CA, so that the root key need not sit on the factory line. Writes SUB_DIR/ca.crt, SUB_DIR/ca.key and SUB_DIR/issuers.crt (the root); use SUB_DIR as --ca of the other commands.")
final class InitFactoryCaCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Option(names = "--root", required = true, paramLabel = "ROOT_DIR", description = "Folder of the Root CA.")
  Path root;

  @Mixin
  CaPassword rootPassword;

  @Option(names = "--dir", required = true, paramLabel = "SUB_DIR", description = "Folder of the new sub-CA.")
  Path dir;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "Connectivity Box Factory CA",
      description = "Common name of the sub-CA. Default: ${DEFAULT-VALUE}.")
  String name;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256",
      description = "ec-p256 (default) or rsa-2048.")
  String keyType;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "Encrypt the sub-CA's key with the password on the first line of FILE.")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    CertificateAuthority rootCa = CaFolder.load(root, rootPassword.get());
    char[] password = passwordFile == null ? null : Files2.readPassword(passwordFile);
    CertificateAuthority sub = rootCa.createFactoryCa(name, Keys.algorithm(keyType));
    CaFolder.create(dir, sub, password);
    out().println("Factory CA '" + name + "' signed by '"
        + rootCa.certificate().getSubjectX500Principal().getName() + "' written to " + dir);
    return 0;
  }
}
