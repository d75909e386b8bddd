package org.connectivitybox.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.connectivitybox.hal.store.AtomicFiles;
import org.connectivitybox.protocols.tls.DeviceCsr;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.SerialNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "csr", mixinStandardHelpOptions = true,
    description = "Key made on the device: make the device's key pair where this tool runs (on the device) and a certificate request for SERIAL. Writes DEVICE_DIR/device.key (mode 0600) and DEVICE_DIR/device.csr; then run 'provision sign-csr' at the factory. DEVICE_DIR must not exist.")
final class CsrCommand extends ToolCommand {
  @Option(names = "--serial", required = true, paramLabel = "SERIAL", description = "The device's serial number.")
  String serial;

  @Option(names = "--out", required = true, paramLabel = "DEVICE_DIR", description = "Device folder to make.")
  Path out;

  @Mixin
  KeyTypeOption keyType;

  @Override
  public Integer call() throws Exception {
    SerialNumber s = Serials.parse(serial);
    if (Files.exists(out)) {
      throw new ProvisionException(out + " already exists; refusing to overwrite a device folder");
    }
    KeyPair keys = keyType.get().generate(new SecureRandom());
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, DeviceFolder.PARTIAL_PREFIX);
    try {
      AtomicFiles.writeNoFolderSync(staging.resolve(DeviceFolder.KEY),
          CaFolder.bytes(Pem.privateKey(keys.getPrivate())), AtomicFiles.OWNER_ONLY);
      AtomicFiles.writeNoFolderSync(staging.resolve(DeviceFolder.CSR),
          CaFolder.bytes(Pem.certificateRequest(DeviceCsr.create(s, keys))), AtomicFiles.PUBLIC);
      AtomicFiles.forceFolder(staging);
      Files.move(staging, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.forceFolder(parent);
    } finally {
      DeviceFolder.deleteRecursively(staging);
    }
    out().println("key pair and certificate request for " + s + " written to " + out);
    return 0;
  }
}
