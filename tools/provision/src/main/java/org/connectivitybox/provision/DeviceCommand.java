package org.connectivitybox.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.connectivitybox.protocols.tls.SerialNumber;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Make one device folder: serial.crt, device.key, ca.crt and store/ (parameters 190). DEVICE_DIR must not exist; it appears complete or not at all.")
final class DeviceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  private PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Option(names = "--ca", required = true, paramLabel = "CA_DIR", description = "Folder of the signing CA.")
  Path caDir;

  @Mixin
  CaPassword caPassword;

  @Option(names = "--serial", required = true, paramLabel = "SERIAL", description = "The device's serial number.")
  String serial;

  @Option(names = "--out", required = true, paramLabel = "DEVICE_DIR", description = "Device folder to make.")
  Path out;

  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256",
      description = "ec-p256 (default) or rsa-2048.")
  String keyType;

  @Mixin
  FactoryOptions factory;

  @Override
  public Integer call() throws Exception {
    SerialNumber s = Serials.parse(serial);
    if (Files.exists(out)) {
      throw new ProvisionException(out + " already exists; refusing to overwrite a device folder");
    }
    DeviceFactory devices =
        new DeviceFactory(CaFolder.load(caDir, caPassword.get()), factory, Keys.algorithm(keyType));
    ManifestRow row = devices.make(s, out, true);
    out().println("device " + s + " written to " + out + " (certificate sha256 "
        + row.certificateSha256() + ")");
    return 0;
  }
}
