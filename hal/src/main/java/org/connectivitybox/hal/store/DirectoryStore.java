package org.connectivitybox.hal.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PersistentStore} kept as one file per record, {@code NAME.rec}, in a folder on a POSIX
 * file system (the flash memory of the board, or a device folder written by the factory).
 *
 * <p>A write goes through {@link AtomicFiles}: a temporary file in the same folder, forced to the
 * medium, renamed over the record's file (an atomic replace), then the folder forced so that the
 * rename is durable. Record files are readable and writable by the owner only, since parameters 190
 * hold the box's private key. Leftover temporary files of an interrupted write are ignored by
 * readers and removed by {@link #open}.
 */
public final class DirectoryStore implements PersistentStore {
  static final String SUFFIX = ".rec";
  
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path folder;

  private DirectoryStore(Path folder) {
    this.folder = folder;
  }

  /**
   * Opens the store in {@code folder}, creating the folder (owner-only) if it does not exist and
   * removing temporary files left by an interrupted write.
   */
  public static DirectoryStore open(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      try {
        Files.createDirectories(folder.toAbsolutePath().getParent());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(folder)) {
          throw new IOException("store path " + folder + " exists and is not a folder", e);
        }
      }
    }
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, AtomicFiles.TEMP_PREFIX + "*")) {
      for (Path p : leftovers) {
        Files.deleteIfExists(p);
      }
    }
    return new DirectoryStore(folder);
  }

  /**
   * Creates a new store folder holding {@code records}, every file and the folder forced to the
   * medium. For a store being assembled where no reader can see it yet (the factory builds a
   * device folder under a temporary name and renames it into place); a live store is written
   * with {@link #write}.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the folder exists
   */
  public static void seed(Path folder, StoredRecord... records) throws IOException {
    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
    for (StoredRecord r : records) {
      AtomicFiles.writeNew(folder.resolve(r.name() + SUFFIX), RecordFile.encode(r),
          AtomicFiles.OWNER_ONLY);
    }
    for (StoredRecord r : records) {
      AtomicFiles.force(folder.resolve(r.name() + SUFFIX));
    }
    AtomicFiles.forceFolder(folder);
  }

  /** The folder this store lives in. */
  public Path folder() {
    return folder;
  }

  @Override
  public Optional<StoredRecord> read(String name) throws IOException {
    Path file = fileOf(name);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(RecordFile.decode(name, bytes));
  }

  @Override
  public synchronized StoredRecord write(String name, int schemaVersion, byte[] payload)
      throws IOException {
    long generation = 1;
    try {
      generation = read(name).map(r -> r.generation() + 1).orElse(1L);
    } catch (StoreCorruptedException e) {
      // The damaged record is being replaced; its generation is lost with it, so start again.
      generation = 1;
    }
    StoredRecord record = new StoredRecord(name, schemaVersion, generation, payload);
    AtomicFiles.write(fileOf(name), RecordFile.encode(record), AtomicFiles.OWNER_ONLY);
    return record;
  }

  @Override
  public synchronized void delete(String name) throws IOException {
    if (Files.deleteIfExists(fileOf(name))) {
      AtomicFiles.forceFolder(folder);
    }
  }

  @Override
  public List<String> names() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
      for (Path p : files) {
        String file = p.getFileName().toString();
        String name = file.substring(0, file.length() - SUFFIX.length());
        if (RecordNames.isValid(name)) { // a stray file is not a record of this store
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  private Path fileOf(String name) {
    return folder.resolve(RecordNames.check(name) + SUFFIX);
  }
}
