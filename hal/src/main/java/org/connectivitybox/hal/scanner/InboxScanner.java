package org.connectivitybox.hal.scanner;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.tinylog.Logger;
import org.w3c.dom.NodeList;

/**
 * The desktop's scanner: each scan takes the oldest image file from an inbox folder as one
 * document and moves it to the inbox's {@code done/} subfolder.
 *
 * <p>Accepted: PNG ({@code .png}), TIFF ({@code .tif}, {@code .tiff}; every page of a multi-page
 * file) and JPEG ({@code .jpg}, {@code .jpeg}), through the JDK's ImageIO. PDF is not accepted:
 * rendering it needs a PDF library, and none is pinned for the box; convert PDFs to images first.
 * Files of any other kind are moved to {@code rejected/} with a warning and the next file is
 * taken. Names starting with a dot are ignored, so a writer can copy into the inbox under a
 * hidden name and rename when done.
 *
 * <p>A single-page file is returned with its own bytes; the pages of a multi-page TIFF are
 * re-encoded as PNG. The resolution comes from the file's metadata (PNG pHYs, TIFF, JFIF), or is
 * the default given at construction when the file has none. "Oldest" is by last-modified time, then
 * name. Thread-safe; scans do not overlap.
 */
public final class InboxScanner implements Scanner {

  private static final Map<String, String> MEDIA_TYPES =
      Map.of("png", "image/png", "tif", "image/tiff", "tiff", "image/tiff", "jpg", "image/jpeg",
          "jpeg", "image/jpeg");

  private final Path inbox;
  private final Path done;
  private final Path rejected;
  private final int defaultDpi;

  /**
   * A scanner reading {@code inbox} (created with {@code done/} and {@code rejected/} if missing).
   *
   * @param defaultDpi the resolution of images whose files do not say
   * @throws ScannerException if the folders cannot be created
   */
  public InboxScanner(Path inbox, int defaultDpi) throws ScannerException {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    if (defaultDpi <= 0) {
      throw new IllegalArgumentException("default resolution must be positive: " + defaultDpi);
    }
    this.defaultDpi = defaultDpi;
    this.done = inbox.resolve("done");
    this.rejected = inbox.resolve("rejected");
    try {
      Files.createDirectories(done);
      Files.createDirectories(rejected);
    } catch (IOException e) {
      throw new ScannerException(ScannerException.Kind.UNREACHABLE,
          "scanner inbox " + inbox + ": " + e, e);
    }
  }

  /** The folder scanned documents are taken from. */
  public Path inbox() {
    return inbox;
  }

  /**
   * Takes the oldest image file of the inbox as one document.
   *
   * @return its pages; empty if the inbox holds no image file
   * @throws ScannerException {@code UNREACHABLE} if the inbox cannot be listed; {@code IO} if the
   *     file is not a readable image (it is moved to {@code rejected/})
   */
  @Override
  public synchronized List<ScannedPage> scan() throws ScannerException {
    while (true) {
      Path file = oldest();
      if (file == null) {
        return List.of();
      }
      String mediaType = MEDIA_TYPES.get(extension(file));
      if (mediaType == null) {
        Logger.warn("scanner inbox: {} is not PNG, TIFF or JPEG; moved to {}", file, rejected);
        moveInto(file, rejected);
        continue;
      }
      List<ScannedPage> pages;
      try {
        pages = read(file, mediaType);
      } catch (IOException | RuntimeException e) {
        moveInto(file, rejected);
        throw new ScannerException(ScannerException.Kind.IO, "scanner inbox: " + file
            + " is not a readable " + mediaType + " (moved to " + rejected + "): " + e, e);
      }
      moveInto(file, done);
      return pages;
    }
  }

  private Path oldest() throws ScannerException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(inbox)) {
      for (Path f : listing) {
        if (!f.getFileName().toString().startsWith(".") && Files.isRegularFile(f)) {
          files.add(f);
        }
      }
      Map<Path, FileTime> times = new java.util.HashMap<>();
      for (Path f : files) {
        times.put(f, Files.getLastModifiedTime(f));
      }
      return files.stream()
          .min(Comparator.comparing((Path p) -> times.get(p))
              .thenComparing(p -> p.getFileName().toString()))
          .orElse(null);
    } catch (IOException e) {
      throw new ScannerException(ScannerException.Kind.UNREACHABLE,
          "scanner inbox " + inbox + ": " + e, e);
    }
  }

  private List<ScannedPage> read(Path file, String mediaType) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) {
        throw new IOException("no image reader recognises it");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, false);
        int count = reader.getNumImages(true);
        List<ScannedPage> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          IIOImage page = reader.readAll(i, null);
          BufferedImage image = (BufferedImage) page.getRenderedImage();
          int dpi = dpiOf(page.getMetadata());
          byte[] bytes = count == 1 ? Files.readAllBytes(file) : PageImages.png(image);
          pages.add(new ScannedPage(bytes, count == 1 ? mediaType : "image/png", image.getWidth(),
              image.getHeight(), dpi, PageImages.colourModeOf(image)));
        }
        return pages;
      } finally {
        reader.dispose();
      }
    }
  }

  /** The resolution in the standard metadata (millimetres per pixel), or the default. */
  private int dpiOf(IIOMetadata metadata) {
    if (metadata == null || !metadata.isStandardMetadataFormatSupported()) {
      return defaultDpi;
    }
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree("javax_imageio_1.0");
    NodeList sizes = root.getElementsByTagName("HorizontalPixelSize");
    if (sizes.getLength() == 0) {
      return defaultDpi;
    }
    try {
      double mmPerPixel =
          Double.parseDouble(((IIOMetadataNode) sizes.item(0)).getAttribute("value"));
      return mmPerPixel > 0 ? (int) Math.round(25.4 / mmPerPixel) : defaultDpi;
    } catch (NumberFormatException e) {
      return defaultDpi;
    }
  }

  private void moveInto(Path file, Path folder) throws ScannerException {
    Path target = folder.resolve(file.getFileName());
    for (int n = 1; Files.exists(target); n++) {
      target = folder.resolve(n + "-" + file.getFileName());
    }
    try {
      Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ScannerException(ScannerException.Kind.IO,
          "scanner inbox: cannot move " + file + " to " + folder + ": " + e, e);
    }
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
