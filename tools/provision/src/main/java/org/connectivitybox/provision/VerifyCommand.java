package org.connectivitybox.provision;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check device folders against the CA: certificate chain to the Root CA, purpose and serial of the certificate, key/certificate match, owner-only secrets, store checksums, and parameters 190 agreeing with the files. Prints OK or FAIL with every problem per folder; exits 0 only if all are right.")
final class VerifyCommand extends ToolCommand {
  @Option(names = "--ca", required = true, paramLabel = "CA_DIR",
      description = "Folder of the CA that signed the devices (its Root CA is the trust anchor).")
  Path caDir;

  @Parameters(arity = "1..*", paramLabel = "DEVICE_DIR", description = "Device folders to check.")
  List<Path> devices;

  @Override
  public Integer call() throws Exception {
    DeviceVerifier verifier = new DeviceVerifier(CaFolder.root(caDir));
    int failed = 0;
    for (Path device : devices) {
      List<String> problems = verifier.verify(device);
      if (problems.isEmpty()) {
        out().println("OK   " + device);
      } else {
        failed++;
        out().println("FAIL " + device);
        for (String p : problems) {
          out().println("     - " + p);
        }
      }
    }
    if (devices.size() > 1) {
      out().println((devices.size() - failed) + " of " + devices.size() + " devices OK");
    }
    return failed == 0 ? 0 : ProvisionCommand.EXIT_PROBLEMS;
  }
}
