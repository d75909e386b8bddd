package org.connectivitybox.protocols.document;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/** Turns a received {@link Page} back into an image for the printer. Stateless. */
public final class PageDecoder {
  private PageDecoder() {}

  /**
   * The page's image.
   *
   * @throws MalformedMessageException if the data is not an image of the page's encoding, or its
   *     size in pixels differs from the page's descriptor
   */
  public static BufferedImage decode(Page page) throws MalformedMessageException {
    Iterator<ImageReader> readers =
        ImageIO.getImageReadersByFormatName(page.encoding().imageIoFormat());
    if (!readers.hasNext()) {
      throw new IllegalStateException("this JDK has no ImageIO reader for "
          + page.encoding().imageIoFormat());
    }
    ImageReader reader = readers.next();
    BufferedImage image;
    try (ImageInputStream in = ImageIO.createImageInputStream(
        new ByteArrayInputStream(page.data()))) {
      reader.setInput(in, true, true);
      image = reader.read(0);
    } catch (IOException | RuntimeException e) {
      throw new MalformedMessageException("page: not a readable " + page.encoding()
          + " image: " + e.getMessage(), e);
    } finally {
      reader.dispose();
    }
    if (image.getWidth() != page.width() || image.getHeight() != page.height()) {
      throw new MalformedMessageException("page: the image is " + image.getWidth() + "x"
          + image.getHeight() + " but the page says " + page.width() + "x" + page.height());
    }
    return image;
  }
}
