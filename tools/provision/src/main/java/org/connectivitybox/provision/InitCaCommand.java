package org.connectivitybox.provision;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "init-ca", mixinStandardHelpOptions = true,
    description = "Make a new Root CA: CA_DIR/ca.crt (PEM certificate) and CA_DIR/ca.key (PKCS#8 PEM, mode 0600; encrypted with --password-file). Refuses to overwrite an existing CA.")
final class InitCaCommand extends ToolCommand {
  @Option(names = "--dir", required = true, paramLabel = "CA_DIR", description = "Folder of the new CA.")
  Path dir;

  @Option(names = "--name", paramLabel = "NAME", defaultValue = "Connectivity Box Root CA",
      description = "Common name of the CA. Default: ${DEFAULT-VALUE}.")
  String name;

  @Mixin
  KeyTypeOption keyType;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "Encrypt ca.key with the password on the first line of FILE.")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    char[] password = passwordFile == null ? null : Files2.readPassword(passwordFile);
    KeyAlgorithm algorithm = keyType.get();
    CertificateAuthority ca = CertificateAuthority.createRoot(name, algorithm, Clock.systemUTC(),
        new SecureRandom());
    CaFolder.create(dir, ca, password);
    out().println("Root CA '" + name + "' written to " + dir.resolve(CaFolder.CERT)
        + " and " + dir.resolve(CaFolder.KEY) + (password == null ? " (unencrypted)" : " (encrypted)"));
    return 0;
  }
}
