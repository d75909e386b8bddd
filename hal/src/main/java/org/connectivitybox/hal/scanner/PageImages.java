package org.connectivitybox.hal.scanner;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Image helpers shared by the scanners: colour mode of an image, PNG encoding, thresholding. */
public final class PageImages {

  private PageImages() {}

  /** The colour mode an image's pixels have: 1 bit → bilevel, one grey band → grey, else colour. */
  public static ColourMode colourModeOf(BufferedImage image) {
    if (image.getColorModel().getPixelSize() == 1) {
      return ColourMode.BILEVEL;
    }
    if (image.getColorModel().getNumComponents() == 1) {
      return ColourMode.GREY;
    }
    return ColourMode.COLOUR;
  }

  /** {@code image} reduced to black and white at 50% grey (for scanners without line art). */
  public static BufferedImage bilevel(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_BYTE_BINARY
        && image.getColorModel().getPixelSize() == 1) {
      return image;
    }
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** {@code image} encoded as PNG (lossless, and ImageIO always has a writer for it). */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer for image type " + image.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
