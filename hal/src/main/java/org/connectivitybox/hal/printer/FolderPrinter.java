package org.connectivitybox.hal.printer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.hal.store.AtomicFiles;

/**
 * The desktop's printer: writes each job's document into a folder as {@code
 * job-NNNNNN-NAME.EXT}, where NNNNNN is the job id and EXT follows the media type.
 *
 * <p>A job appears whole or not at all: the content is written to a hidden temporary file in the
 * same folder, forced to disk, then renamed atomically, and the folder is forced. Temporary files
 * left by a crash are deleted when the printer is created. Job ids continue after the highest one
 * found in the folder, so they stay unique across restarts. Thread-safe.
 */
public final class FolderPrinter implements Printer {

  private static final Pattern JOB_FILE = Pattern.compile("job-(\\d+)-.*");
  private static final String TEMP_PREFIX = ".printing-";
  private static final Map<String, String> EXTENSIONS =
      Map.of(
          PrintDocument.PDF, "pdf",
          PrintDocument.JPEG, "jpg",
          PrintDocument.PNG, "png",
          PrintDocument.TIFF, "tif",
          PrintDocument.PWG_RASTER, "pwg",
          PrintDocument.URF, "urf",
          "text/plain", "txt");

  private final Path folder;
  private long lastJobId;

  /**
   * A printer writing into {@code folder}, created if missing.
   *
   * @throws PrinterException if the folder cannot be created or listed
   */
  public FolderPrinter(Path folder) throws PrinterException {
    this.folder = Objects.requireNonNull(folder, "folder");
    try {
      Files.createDirectories(folder);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          Matcher m = JOB_FILE.matcher(name);
          if (m.matches()) {
            lastJobId = Math.max(lastJobId, Long.parseLong(m.group(1)));
          } else if (name.startsWith(TEMP_PREFIX)) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      throw new PrinterException("printer folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The folder jobs are written to. */
  public Path folder() {
    return folder;
  }

  /**
   * Writes {@code document} as the next job and returns {@link PrintOutcome.Printed} with the
   * file's URI ({@code Path.of(outcome.location())} is the file).
   *
   * @throws PrinterException if the document cannot be read or the file cannot be written; no
   *     file of the job is left behind
   */
  @Override
  public PrintOutcome print(PrintDocument document) throws PrinterException {
    long id;
    synchronized (this) {
      id = ++lastJobId;
    }
    String jobId = Long.toString(id);
    Path target = folder.resolve(String.format("job-%06d-%s.%s", id, baseName(document.name()),
        EXTENSIONS.getOrDefault(document.mediaType(), "bin")));
    Path temp = folder.resolve(TEMP_PREFIX + jobId);
    try {
      try (FileChannel channel =
              FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel);
          InputStream in = document.open()) {
        in.transferTo(out);
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      AtomicFiles.forceFolder(folder);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new PrinterException(
          "printer folder " + folder + ": job " + jobId + " " + document + ": " + e, e);
    }
    return new PrintOutcome.Printed(jobId, target.toUri());
  }

  /** The document's name without its extension, reduced to characters safe in a file name. */
  private static String baseName(String name) {
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    base = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return base.length() > 64 ? base.substring(0, 64) : base;
  }
}
