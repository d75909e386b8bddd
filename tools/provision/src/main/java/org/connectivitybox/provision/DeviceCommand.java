package org.connectivitybox.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import org.connectivitybox.protocols.tls.SerialNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Make one device folder: serial.crt, device.key, ca.crt and store/ (parameters 190). DEVICE_DIR must not exist; it appears complete or not at all.")
final class DeviceCommand extends ToolCommand {
  @Option(names = "--ca", required = true, paramLabel = "CA_DIR", description = "Folder of the signing CA.")
  Path caDir;

  @Mixin
  CaPassword caPassword;

  @Option(names = "--serial", required = true, paramLabel = "SERIAL", description = "The device's serial number.")
  String serial;

  @Option(names = "--out", required = true, paramLabel = "DEVICE_DIR", description = "Device folder to make.")
  Path out;

  @Mixin
  KeyTypeOption keyType;

  @Mixin
  FactoryOptions factory;

  @Override
  public Integer call() throws Exception {
    SerialNumber s = Serials.parse(serial);
    if (Files.exists(out)) {
      throw new ProvisionException(out + " already exists; refusing to overwrite a device folder");
    }
    DeviceFactory devices =
        new DeviceFactory(CaFolder.load(caDir, caPassword.get()), factory, keyType.get());
    ManifestRow row = devices.make(s, out, true);
    out().println("device " + s + " written to " + out + " (certificate sha256 "
        + row.certificateSha256() + ")");
    return 0;
  }
}
