package org.connectivitybox.provision;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.connectivitybox.hal.store.AtomicFiles;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.tls.Pem;

/**
 * One device's folder, as the factory writes it into a device image or onto its storage.
 *
 * <pre>
 * serial.crt   the serial-number certificate (PEM), followed by any factory sub-CA certificate
 * device.key   the device's private key (PKCS#8 PEM, mode 0600)
 * ca.crt       the Root CA certificate (PEM): the only root the box trusts
 * store/       the box's persistent store; store/params190.rec holds parameters 190
 * device.csr   only in the key-made-on-device flow: the certificate request
 * </pre>
 *
 * <p>A whole folder is written under a temporary name beside its final place and renamed into
 * place when complete, so a folder with the final name is always complete and an interrupted run
 * leaves only a {@code .partial-*} folder, which the next run removes.
 */
final class DeviceFolder {
  static final String SERIAL_CERT = "serial.crt";
  static final String KEY = "device.key";
  static final String CA = "ca.crt";
  static final String STORE = "store";
  static final String CSR = "device.csr";
  static final String PARTIAL_PREFIX = ".partial-";

  private DeviceFolder() {}

  /**
   * Writes a complete device folder at {@code target}, which must not exist.
   *
   * <p>The files are written into a private staging folder and forced to the medium, the staging
   * folder is forced, and only then is it renamed to {@code target}: after a crash at any point
   * a folder under the final name is complete. The rename itself becomes durable when the
   * caller forces the parent folder ({@code syncParent}, or once for a whole batch).
   */
  static void write(Path target, Parameters190 p, boolean syncParent)
      throws IOException, ProvisionException {
    if (Files.exists(target)) {
      throw new ProvisionException(target + " already exists; refusing to overwrite a device folder");
    }
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = parent.resolve(PARTIAL_PREFIX + target.getFileName() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    Files.createDirectory(staging, CaFolder.ownerOnlyFolder());
    try {
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(SERIAL_CERT, CaFolder.bytes(Pem.certificates(p.serialNumberCertificate())));
      files.put(CA, CaFolder.bytes(Pem.certificate(p.rootCaCertificate())));
      files.put(KEY, CaFolder.bytes(Pem.privateKey(p.privateKey())));
      for (var f : files.entrySet()) {
        AtomicFiles.writeNew(staging.resolve(f.getKey()), f.getValue(),
            f.getKey().equals(KEY) ? AtomicFiles.OWNER_ONLY : AtomicFiles.PUBLIC);
      }
      DirectoryStore.seed(staging.resolve(STORE), Parameters190Codec.record(p));
      for (String name : files.keySet()) {
        AtomicFiles.force(staging.resolve(name));
      }
      AtomicFiles.forceFolder(staging);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        throw new ProvisionException(target + " already exists; refusing to overwrite a device folder");
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot rename " + staging + " atomically into place", e);
      }
      if (syncParent) {
        AtomicFiles.forceFolder(parent);
      }
    } finally {
      deleteRecursively(staging);
    }
  }

  /**
   * Writes the certificate, Root CA and store into an existing folder that already holds the
   * device's own key (the key-made-on-device flow).
   */
  static void completeInPlace(Path folder, Parameters190 p) throws IOException {
    writeCertificates(folder, p);
    writeStore(folder, p);
    AtomicFiles.forceFolder(folder);
  }

  private static void writeCertificates(Path folder, Parameters190 p) throws IOException {
    AtomicFiles.writeNoFolderSync(folder.resolve(SERIAL_CERT),
        CaFolder.bytes(Pem.certificates(p.serialNumberCertificate())), AtomicFiles.PUBLIC);
    AtomicFiles.writeNoFolderSync(folder.resolve(CA),
        CaFolder.bytes(Pem.certificate(p.rootCaCertificate())), AtomicFiles.PUBLIC);
  }

  private static void writeStore(Path folder, Parameters190 p) throws IOException {
    Parameters190Codec.write(DirectoryStore.open(folder.resolve(STORE)), p);
  }

  /** Removes {@code .partial-*} folders left in {@code dir} by an interrupted run. */
  static int removePartials(Path dir) throws IOException {
    int removed = 0;
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (var entries = Files.newDirectoryStream(dir, PARTIAL_PREFIX + "*")) {
      for (Path p : entries) {
        deleteRecursively(p);
        removed++;
      }
    }
    return removed;
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }
}
