package org.connectivitybox.provision;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.connectivitybox.hal.store.RecordFile;
import org.connectivitybox.hal.store.StoredRecord;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.config.StoreRecords;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyMatch;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.PeerIdentity;

/**
 * Checks a device folder against the Root CA without changing anything in it: the certificate
 * chain, the certificate's purpose and serial, that the key belongs to the certificate, that
 * secrets are readable by the owner only, every store record's checksum, and that parameters 190
 * agree with the files beside them. Safe for use by several threads.
 */
final class DeviceVerifier {
  private final X509Certificate root;

  DeviceVerifier(X509Certificate root) {
    this.root = root;
  }

  /** Everything wrong with {@code folder}; empty if it is a good factory-fresh device. */
  List<String> verify(Path folder) {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      problems.add("no such device folder");
      return problems;
    }
    X509Certificate ca = read(problems, folder, DeviceFolder.CA,
        (text, src) -> Pem.readCertificate(text, src));
    if (ca != null && !ca.equals(root)) {
      problems.add(DeviceFolder.CA + " is not the Root CA of the given CA folder");
    }
    List<X509Certificate> chain = read(problems, folder, DeviceFolder.SERIAL_CERT,
        (text, src) -> Pem.readCertificates(text, src));
    String serial = null;
    if (chain != null) {
      serial = checkCertificate(problems, chain);
    }
    PrivateKey key = read(problems, folder, DeviceFolder.KEY,
        (text, src) -> Pem.readPrivateKey(text, null, src));
    if (key != null) {
      checkOwnerOnly(problems, folder.resolve(DeviceFolder.KEY), DeviceFolder.KEY);
      if (chain != null && !KeyMatch.matches(key, chain.get(0).getPublicKey())) {
        problems.add(DeviceFolder.KEY + " does not belong to the certificate in "
            + DeviceFolder.SERIAL_CERT);
      }
    }
    Parameters190 p = checkStore(problems, folder.resolve(DeviceFolder.STORE));
    if (p != null) {
      if (serial != null && !p.serialNumber().value().equals(serial)) {
        problems.add("parameters 190 are for serial " + p.serialNumber()
            + " but the certificate names " + serial);
      }
      if (chain != null && !p.serialNumberCertificate().equals(chain)) {
        problems.add("parameters 190 hold another serial-number certificate than "
            + DeviceFolder.SERIAL_CERT);
      }
      if (ca != null && !p.rootCaCertificate().equals(ca)) {
        problems.add("parameters 190 hold another Root CA certificate than " + DeviceFolder.CA);
      }
      if (key != null && !Arrays.equals(p.privateKey().getEncoded(), key.getEncoded())) {
        problems.add("parameters 190 hold another private key than " + DeviceFolder.KEY);
      }
      if (!p.keyPairMatches()) {
        problems.add("the key pair in parameters 190 does not match");
      }
      if (!p.configurationFlag()) {
        problems.add("the configuration flag is not set (a factory-fresh box must configure itself)");
      }
    }
    return problems;
  }

  private String checkCertificate(List<String> problems, List<X509Certificate> chain) {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
      params.setRevocationEnabled(false);
      CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), params);
    } catch (GeneralSecurityException e) {
      problems.add(DeviceFolder.SERIAL_CERT + " does not chain to the Root CA: " + e.getMessage());
    }
    X509Certificate leaf = chain.get(0);
    CertificatePurpose purpose = CertificatePurpose.of(leaf).orElse(null);
    if (purpose != CertificatePurpose.SERIAL_NUMBER) {
      problems.add(DeviceFolder.SERIAL_CERT + " is "
          + (purpose == null ? "not a certificate of this system (no purpose)"
              : "a " + purpose + " certificate") + ", not a serial-number certificate");
      return null;
    }
    try {
      return ((PeerIdentity.SerialNumberIdentity) PeerIdentity.of(leaf)).serial().value();
    } catch (GeneralSecurityException e) {
      problems.add(DeviceFolder.SERIAL_CERT + ": " + e.getMessage());
      return null;
    }
  }

  private Parameters190 checkStore(List<String> problems, Path store) {
    if (!Files.isDirectory(store)) {
      problems.add("no " + DeviceFolder.STORE + "/ folder");
      return null;
    }
    Parameters190 p = null;
    boolean found = false;
    try (Stream<Path> files = Files.list(store)) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        if (!file.endsWith(".rec")) {
          problems.add(DeviceFolder.STORE + "/" + file + " is not a store record");
          continue;
        }
        String name = file.substring(0, file.length() - 4);
        checkOwnerOnly(problems, f, DeviceFolder.STORE + "/" + file);
        try {
          StoredRecord record = RecordFile.decode(name, Files.readAllBytes(f));
          if (name.equals(StoreRecords.PARAMETERS_190)) {
            found = true;
            if (record.schemaVersion() != StoreRecords.PARAMETERS_190_SCHEMA) {
              problems.add("parameters 190 have schema version " + record.schemaVersion()
                  + ", expected " + StoreRecords.PARAMETERS_190_SCHEMA);
            } else {
              p = Parameters190Codec.decode(record.payload());
            }
          }
        } catch (IOException | IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
    } catch (IOException e) {
      problems.add("cannot list " + DeviceFolder.STORE + "/: " + e.getMessage());
    }
    if (!found) {
      problems.add("the store has no " + StoreRecords.PARAMETERS_190 + " record");
    }
    return p;
  }

  private static void checkOwnerOnly(List<String> problems, Path file, String name) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> others = java.util.EnumSet.copyOf(perms);
      others.removeAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
      if (!others.isEmpty()) {
        problems.add(name + " is readable or writable by others (mode "
            + PosixFilePermissions.toString(perms) + "; must be rw-------)");
      }
    } catch (IOException e) {
      problems.add("cannot read the permissions of " + name + ": " + e.getMessage());
    }
  }

  private interface Reader<T> {
    T read(String text, String source) throws IOException;
  }

  private static <T> T read(List<String> problems, Path folder, String file, Reader<T> reader) {
    Path path = folder.resolve(file);
    if (!Files.exists(path)) {
      problems.add("missing " + file);
      return null;
    }
    try {
      return reader.read(Files.readString(path), file);
    } catch (org.connectivitybox.protocols.tls.PemException e) {
      problems.add(e.getMessage());
    } catch (IOException e) {
      problems.add(file + ": cannot read as PEM text: " + e);
    }
    return null;
  }
}
