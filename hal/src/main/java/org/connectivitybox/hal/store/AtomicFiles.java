package org.connectivitybox.hal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes whole files so that a reader, even after a power cut, sees either the old content or
 * the new one: write to a temporary file beside the target, force it to the medium, rename it
 * over the target, force the folder.
 */
public final class AtomicFiles {
  /** Permissions for files that hold secrets: read and write by the owner only. */
  public static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  /** Permissions for public files (certificates): readable by all, writable by the owner. */
  public static final Set<PosixFilePermission> PUBLIC =
      PosixFilePermissions.fromString("rw-r--r--");

  static final String TEMP_PREFIX = ".tmp-";

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code content}, atomically and durably, creating it with the
   * given permissions (the process umask cannot widen them afterwards: they are set at creation).
   *
   * @throws IOException if the content cannot be written; {@code target} is then unchanged and
   *     no temporary file is left behind
   */
  public static void write(Path target, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    writeNoFolderSync(target, content, permissions);
    forceFolder(parentOf(target));
  }

  /**
   * Like {@link #write} but leaves forcing the folder to the caller, who may write several files
   * into one folder and force it once.
   */
  public static void writeNoFolderSync(Path target, byte[] content,
      Set<PosixFilePermission> permissions) throws IOException {
    Path temp = parentOf(target).resolve(TEMP_PREFIX + target.getFileName() + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong()));
    try {
      writeNew(temp, content, permissions);
      force(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + target + " cannot rename atomically", e);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Creates {@code file}, which must not exist, with exactly {@code permissions} and writes
   * {@code content} into it, without forcing it to the medium: for files in a folder that is not
   * yet visible under its final name, which the caller forces ({@link #force}) before renaming
   * the folder into place.
   *
   * @throws java.nio.file.FileAlreadyExistsException if the file exists
   */
  public static void writeNew(Path file, byte[] content, Set<PosixFilePermission> permissions)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file,
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(permissions))) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
    }
    // The umask may have narrowed the permissions at creation; it never widened them.
    Files.setPosixFilePermissions(file, permissions);
  }

  /** Forces a file's content to the medium. */
  public static void force(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /** Makes a folder's entries (a rename, a new file) durable. */
  public static void forceFolder(Path folder) throws IOException {
    try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static Path parentOf(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException("no folder above " + target);
    }
    return parent;
  }
}
