package org.connectivitybox.provision;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * Makes devices: a key pair, the serial-number certificate signed by the factory's CA, and the
 * parameters 190, written as a complete device folder. Safe for use by several threads.
 */
final class DeviceFactory {
  private final CertificateAuthority ca;
  private final FactoryOptions options;
  private final KeyAlgorithm keyAlgorithm;
  private final SecureRandom random = new SecureRandom();

  DeviceFactory(CertificateAuthority ca, FactoryOptions options, KeyAlgorithm keyAlgorithm)
      throws ProvisionException {
    options.validate();
    this.ca = ca;
    this.options = options;
    this.keyAlgorithm = keyAlgorithm;
  }

  /**
   * Makes one device with a fresh key pair into {@code target}, and returns its manifest row.
   *
   * @param syncParent force the parent folder, making the new folder's name durable at once
   *     (a batch does it once for all its devices, before it writes the manifest)
   */
  ManifestRow make(SerialNumber serial, Path target, boolean syncParent)
      throws ProvisionException, IOException {
    KeyPair keys = keyAlgorithm.generate(random);
    Parameters190 p = parameters(serial, keys);
    DeviceFolder.write(target, p, syncParent);
    return ManifestRow.of(p);
  }

  /** The parameters 190 of a device whose key pair already exists (made on the device). */
  Parameters190 parameters(SerialNumber serial, KeyPair keys) throws ProvisionException {
    X509Certificate cert = ca.issueSerialNumberCertificate(serial, keys.getPublic());
    List<X509Certificate> chain = ca.presentedChain(cert);
    return options.parameters(serial, keys, chain, ca.root(), random);
  }

  /** Signs a certificate for a public key checked elsewhere (the CSR flow). */
  X509Certificate certify(SerialNumber serial, PublicKey key) {
    return ca.issueSerialNumberCertificate(serial, key);
  }
}
