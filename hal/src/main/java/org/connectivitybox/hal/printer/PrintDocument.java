package org.connectivitybox.hal.printer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One document to print: a name (shown in the printer's queue), a media type and the content, held
 * in memory or in a file that is read when printed. Multi-page documents are one file of a
 * multi-page format (PDF, TIFF, PWG raster).
 */
public final class PrintDocument {

  /** {@code application/pdf}. */
  public static final String PDF = "application/pdf";
  /** {@code image/jpeg}. */
  public static final String JPEG = "image/jpeg";
  /** {@code image/png}. */
  public static final String PNG = "image/png";
  /** {@code image/tiff}, the format of a received CCITT G4 page. */
  public static final String TIFF = "image/tiff";
  /** {@code image/pwg-raster}, what IPP Everywhere printers must accept. */
  public static final String PWG_RASTER = "image/pwg-raster";
  /** {@code image/urf}, Apple raster. */
  public static final String URF = "image/urf";

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*");

  private final String name;
  private final String mediaType;
  private final byte[] bytes;
  private final Path file;

  private PrintDocument(String name, String mediaType, byte[] bytes, Path file) {
    this.name = Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a document needs a name");
    }
    this.mediaType = Objects.requireNonNull(mediaType, "mediaType");
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      throw new IllegalArgumentException("not a media type (type/subtype, lower case): " + mediaType);
    }
    this.bytes = bytes;
    this.file = file;
  }

  /** A document held in memory; {@code content} is copied. */
  public static PrintDocument ofBytes(String name, String mediaType, byte[] content) {
    return new PrintDocument(name, mediaType, content.clone(), null);
  }

  /** A document in {@code file}, read when printed; its name is the file's name. */
  public static PrintDocument ofFile(Path file, String mediaType) {
    return new PrintDocument(file.getFileName().toString(), mediaType, null, file);
  }

  /** The name shown in the printer's queue. */
  public String name() {
    return name;
  }

  /** The media type, such as {@link #PDF}. */
  public String mediaType() {
    return mediaType;
  }

  /** Opens the content for reading; the caller closes the stream. */
  public InputStream open() throws IOException {
    return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
  }

  /** The file the content comes from, or {@code null} for a document in memory. */
  public Path file() {
    return file;
  }

  @Override
  public String toString() {
    return "\"" + name + "\" (" + mediaType + ")";
  }
}
