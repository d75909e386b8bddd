package org.connectivitybox.protocols.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The sample pages of {@code tools/pages} (or {@code $CB_SAMPLE_PAGES}) through the encoder. */
class PageEncoderTest {
  static final Path PAGES = Path.of(System.getenv().getOrDefault("CB_SAMPLE_PAGES",
      "../tools/pages"));

  static BufferedImage sample(String name) throws IOException {
    Path file = PAGES.resolve(name);
    org.junit.jupiter.api.Assertions.assertTrue(Files.isReadable(file), "no sample page " + file);
    return ImageIO.read(file.toFile());
  }

  @Test
  void aBilevelLetterBecomesG4OfTheSizeStatedBesideTheSamplesAndDecodesToTheSamePixels()
      throws Exception {
    BufferedImage letter = sample("letter-a4-200dpi.png");
    assertTrue(PageEncoder.isBilevel(letter));
    Page page = PageEncoder.standard().encode(letter, 200);
    assertEquals(PageEncoding.CCITT_G4, page.encoding());
    assertEquals(1654, page.width());
    assertEquals(2339, page.height());
    // pages/README.md: 55,861 bytes with the JDK's ImageIO TIFF writer
    assertEquals(55_861, page.size(), "G4 size of the letter");
    assertSamePixels(letter, PageDecoder.decode(page));
  }

  @Test
  void aBilevelDrawingBecomesG4OfTheSizeStatedBesideTheSamples() throws Exception {
    BufferedImage drawing = sample("drawing-a4-200dpi.png");
    Page page = PageEncoder.standard().encode(drawing, 200);
    assertEquals(PageEncoding.CCITT_G4, page.encoding());
    assertEquals(19_524, page.size(), "G4 size of the drawing");
    assertSamePixels(drawing, PageDecoder.decode(page));
  }

  @Test
  void aGreyscalePhotoBecomesJpegByDefaultAndPngWhenLossless() throws Exception {
    // A greyscale page of smooth tones and noise, like the photo among the samples (3.4 MB as
    // PNG, so not kept in the repository).
    BufferedImage photo = new BufferedImage(827, 1169, BufferedImage.TYPE_BYTE_GRAY);
    java.util.Random noise = new java.util.Random(7);
    for (int y = 0; y < photo.getHeight(); y++) {
      for (int x = 0; x < photo.getWidth(); x++) {
        int v = (x * 255 / photo.getWidth() + y * 128 / photo.getHeight()) / 2
            + noise.nextInt(24);
        photo.getRaster().setSample(x, y, 0, Math.min(255, v));
      }
    }
    assertTrue(!PageEncoder.isBilevel(photo));
    Page jpeg = PageEncoder.standard().encode(photo, 200);
    assertEquals(PageEncoding.JPEG, jpeg.encoding());
    assertTrue(jpeg.size() < 1_000_000, "JPEG of the photo: " + jpeg.size());
    BufferedImage back = PageDecoder.decode(jpeg);
    assertEquals(photo.getWidth(), back.getWidth());

    Page png = PageEncoder.lossless().encode(photo, 200);
    assertEquals(PageEncoding.PNG, png.encoding());
    assertSamePixels(photo, PageDecoder.decode(png));
  }

  @Test
  void aColourImageWithAlphaIsFlattenedToJpeg() throws Exception {
    BufferedImage argb = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(3, 4, 0xFFFF0000);
    Page page = PageEncoder.withJpegQuality(0.9f).encode(argb, 100);
    assertEquals(PageEncoding.JPEG, page.encoding());
    BufferedImage back = PageDecoder.decode(page);
    assertEquals(40, back.getWidth());
    assertEquals(30, back.getHeight());
  }

  static void assertSamePixels(BufferedImage a, BufferedImage b) {
    assertEquals(a.getWidth(), b.getWidth());
    assertEquals(a.getHeight(), b.getHeight());
    for (int y = 0; y < a.getHeight(); y += 7) {
      for (int x = 0; x < a.getWidth(); x++) {
        if ((a.getRGB(x, y) & 0xFFFFFF) != (b.getRGB(x, y) & 0xFFFFFF)) {
          throw new AssertionError("pixel " + x + "," + y + " differs");
        }
      }
    }
  }
}
