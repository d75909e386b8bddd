package org.connectivitybox.provision;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.tls.DeviceCsr;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.KeyMatch;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.PemException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sign-csr", mixinStandardHelpOptions = true, sortOptions = false,
    description = "At the factory: check DEVICE_DIR/device.csr (its signature proves possession of the key; it must name a well-formed serial), sign the serial-number certificate, and complete the device folder with serial.crt, ca.crt and store/ (parameters 190). The device's storage is mounted at DEVICE_DIR: its device.key is read there, to be checked against the request and placed in the store, and never written elsewhere.")
final class SignCsrCommand extends ToolCommand {
  @Option(names = "--ca", required = true, paramLabel = "CA_DIR", description = "Folder of the signing CA.")
  Path caDir;

  @Mixin
  CaPassword caPassword;

  @Option(names = "--in", required = true, paramLabel = "DEVICE_DIR",
      description = "Device folder made by 'provision csr'.")
  Path in;

  @Mixin
  FactoryOptions factory;

  @Override
  public Integer call() throws Exception {
    Path csrFile = in.resolve(DeviceFolder.CSR);
    Path keyFile = in.resolve(DeviceFolder.KEY);
    if (Files.exists(in.resolve(DeviceFolder.SERIAL_CERT))) {
      throw new ProvisionException(in + " already holds " + DeviceFolder.SERIAL_CERT
          + "; refusing to sign it again");
    }
    DeviceCsr.Checked request;
    PrivateKey key;
    try {
      request = DeviceCsr.check(Pem.readCertificateRequest(Files2.readText(csrFile),
          csrFile.toString()));
      key = Pem.readPrivateKey(Files2.readText(keyFile), null, keyFile.toString());
    } catch (PemException e) {
      throw new ProvisionException(e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new ProvisionException(csrFile + ": refused: " + e.getMessage(), e);
    }
    if (!KeyMatch.matches(key, request.publicKey())) {
      throw new ProvisionException(keyFile + " does not belong to the request in " + csrFile);
    }
    DeviceFactory devices = new DeviceFactory(CaFolder.load(caDir, caPassword.get()), factory,
        KeyAlgorithm.of(key));
    Parameters190 p = devices.parameters(request.serial(), new KeyPair(request.publicKey(), key));
    DeviceFolder.completeInPlace(in, p);
    out().println("signed the serial-number certificate of " + request.serial()
        + " and completed " + in);
    return 0;
  }
}
