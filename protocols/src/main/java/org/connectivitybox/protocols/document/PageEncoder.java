package org.connectivitybox.protocols.document;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns a scanned image into an encoded {@link Page}, choosing the encoding for a slow line.
 *
 * <ul>
 *   <li>A <em>bilevel</em> image — one band of one bit per pixel, as a scanner in line-art mode
 *       and a 1-bit PNG give — becomes {@link PageEncoding#CCITT_G4}: a TIFF compressed with CCITT
 *       T.6 by the JDK's ImageIO TIFF writer (a typed A4 page at 200 dpi is about 56 KB).
 *   <li>Any other image (greyscale, colour) becomes {@link PageEncoding#JPEG} at the configured
 *       quality (default {@value #DEFAULT_JPEG_QUALITY}), or {@link PageEncoding#PNG} if the
 *       encoder is {@linkplain #lossless() lossless}. JPEG is the default because a scanned
 *       photograph with sensor noise hardly compresses losslessly (the sample greyscale page is
 *       3.4 MB as PNG, about 15 minutes at 33.6 kbps). Transparency is flattened onto white.
 * </ul>
 *
 * <p>An 8-bit greyscale scan of a text page is not turned into bilevel here: thresholding is the
 * scanner's job (its line-art mode), and guessing would damage photographs. Immutable and
 * thread-safe.
 */
public final class PageEncoder {
  /** JPEG quality used unless another is given. */
  public static final float DEFAULT_JPEG_QUALITY = 0.75f;

  private final float jpegQuality;
  private final boolean lossless;

  private PageEncoder(float jpegQuality, boolean lossless) {
    this.jpegQuality = jpegQuality;
    this.lossless = lossless;
  }

  /** G4 for bilevel pages, JPEG at quality {@value #DEFAULT_JPEG_QUALITY} for the others. */
  public static PageEncoder standard() {
    return new PageEncoder(DEFAULT_JPEG_QUALITY, false);
  }

  /**
   * G4 for bilevel pages, JPEG at {@code quality} for the others.
   *
   * @throws IllegalArgumentException if quality is not in 0.05..1
   */
  public static PageEncoder withJpegQuality(float quality) {
    if (!(quality >= 0.05f && quality <= 1f)) {
      throw new IllegalArgumentException("JPEG quality must be in 0.05..1: " + quality);
    }
    return new PageEncoder(quality, false);
  }

  /** G4 for bilevel pages, PNG for the others. */
  public static PageEncoder lossless() {
    return new PageEncoder(DEFAULT_JPEG_QUALITY, true);
  }

  /** Whether {@code image} is bilevel: one band of one bit per pixel. */
  public static boolean isBilevel(BufferedImage image) {
    var sm = image.getSampleModel();
    return sm.getNumBands() == 1 && sm.getSampleSize(0) == 1;
  }

  /**
   * Encodes {@code image} scanned at {@code dpi}.
   *
   * @throws IllegalArgumentException if the image or resolution is outside {@link Page}'s limits
   * @throws UncheckedIOException if ImageIO fails to write (it writes to memory only)
   */
  public Page encode(BufferedImage image, int dpi) {
    try {
      if (isBilevel(image)) {
        return page(PageEncoding.CCITT_G4, image, dpi, g4(image));
      }
      if (lossless) {
        return page(PageEncoding.PNG, image, dpi, write(image, "PNG", null));
      }
      return page(PageEncoding.JPEG, image, dpi, jpeg(image));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a " + image.getWidth() + "x"
          + image.getHeight() + " page: " + e.getMessage(), e);
    }
  }

  private static Page page(PageEncoding encoding, BufferedImage image, int dpi, byte[] data) {
    return new Page(encoding, dpi, image.getWidth(), image.getHeight(), data);
  }

  private byte[] g4(BufferedImage image) throws IOException {
    BufferedImage binary = image;
    if (image.getType() != BufferedImage.TYPE_BYTE_BINARY) {
      binary = new BufferedImage(image.getWidth(), image.getHeight(),
          BufferedImage.TYPE_BYTE_BINARY);
      Graphics2D g = binary.createGraphics();
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    return write(binary, "TIFF", "CCITT T.6");
  }

  private byte[] jpeg(BufferedImage image) throws IOException {
    BufferedImage opaque = image;
    boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
    if (!grey && image.getType() != BufferedImage.TYPE_3BYTE_BGR
        && image.getType() != BufferedImage.TYPE_INT_RGB) {
      boolean oneBand = image.getSampleModel().getNumBands() == 1
          && !(image.getColorModel() instanceof java.awt.image.IndexColorModel);
      opaque = new BufferedImage(image.getWidth(), image.getHeight(),
          oneBand ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
      Graphics2D g = opaque.createGraphics();
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      g.drawImage(image, 0, 0, null);
      g.dispose();
    }
    return write(opaque, "JPEG", null);
  }

  private byte[] write(BufferedImage image, String format, String compression) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
    if (!writers.hasNext()) {
      throw new IOException("this JDK has no ImageIO writer for " + format);
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (compression != null) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(compression);
      } else if ("JPEG".equals(format)) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(jpegQuality);
      }
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
