package org.connectivitybox.protocols.document;

/**
 * How the image data of one page is encoded, with its one-byte code in the document format
 * ({@code docs/data-transfer.md} §5).
 */
public enum PageEncoding {
  /**
   * A bilevel page as a single-strip TIFF (baseline, little- or big-endian) compressed with CCITT
   * T.6 (Group 4), as the JDK's ImageIO TIFF writer makes it with compression type
   * {@code "CCITT T.6"}.
   */
  CCITT_G4(1, "TIFF"),
  /** A greyscale or colour page as a baseline JFIF/JPEG image (lossy; the default). */
  JPEG(2, "JPEG"),
  /** A greyscale or colour page as a PNG image (lossless; on request). */
  PNG(3, "PNG");

  private final int code;
  private final String imageIoFormat;

  PageEncoding(int code, String imageIoFormat) {
    this.code = code;
    this.imageIoFormat = imageIoFormat;
  }

  /** The byte that names this encoding on the wire. */
  public int code() {
    return code;
  }

  /** The ImageIO format name that reads and writes it. */
  public String imageIoFormat() {
    return imageIoFormat;
  }

  /** The encoding with this code, or null if there is none. */
  public static PageEncoding ofCode(int code) {
    for (PageEncoding e : values()) {
      if (e.code == code) {
        return e;
      }
    }
    return null;
  }
}
