package org.connectivitybox.hal.scanner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTest {

  @TempDir Path inbox;

  private static BufferedImage image(int type) {
    BufferedImage img = new BufferedImage(40, 30, type);
    img.getGraphics().drawString("x", 5, 20);
    return img;
  }

  private Path write(String name, BufferedImage image, String format, long ageSeconds)
      throws IOException {
    Path f = inbox.resolve(name);
    ImageIO.write(image, format, f.toFile());
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
    return f;
  }

  /** A PNG whose pHYs chunk says {@code dpi}. */
  private Path pngAt(String name, int dpi, long ageSeconds) throws IOException {
    BufferedImage img = image(BufferedImage.TYPE_BYTE_GRAY);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), null);
    // The PNG writer's standard-tree pHYs conversion is inverted (JDK-5106305): set the native
    // chunk, in pixels per metre.
    IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
    IIOMetadataNode phys = new IIOMetadataNode("pHYs");
    String perMetre = Long.toString(Math.round(dpi / 0.0254));
    phys.setAttribute("pixelsPerUnitXAxis", perMetre);
    phys.setAttribute("pixelsPerUnitYAxis", perMetre);
    phys.setAttribute("unitSpecifier", "meter");
    root.appendChild(phys);
    meta.mergeTree("javax_imageio_png_1.0", root);
    Path f = inbox.resolve(name);
    try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
      writer.setOutput(out);
      writer.write(new IIOImage(img, null, meta));
    } finally {
      writer.dispose();
    }
    Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(ageSeconds)));
    return f;
  }

  @Test
  void theOldestFileIsTakenFirstAndMovedToDone() throws Exception {
    write("new.png", image(BufferedImage.TYPE_INT_RGB), "png", 10);
    Path old = write("old.jpg", image(BufferedImage.TYPE_BYTE_GRAY), "jpg", 100);
    byte[] oldBytes = Files.readAllBytes(old);
    InboxScanner scanner = new InboxScanner(inbox, 200);

    List<ScannedPage> first = scanner.scan();
    assertEquals(1, first.size());
    assertEquals("image/jpeg", first.get(0).mediaType());
    assertEquals(ColourMode.GREY, first.get(0).colourMode());
    assertArrayEquals(oldBytes, first.get(0).image());
    assertTrue(Files.exists(inbox.resolve("done/old.jpg")));

    ScannedPage second = scanner.scan().get(0);
    assertEquals(ColourMode.COLOUR, second.colourMode());
    assertEquals(List.of(), scanner.scan());
  }

  @Test
  void theResolutionComesFromTheFileOrTheDefault() throws Exception {
    pngAt("fine.png", 300, 20);
    write("plain.png", image(BufferedImage.TYPE_BYTE_BINARY), "png", 10);
    InboxScanner scanner = new InboxScanner(inbox, 200);
    assertEquals(300, scanner.scan().get(0).dpi());
    ScannedPage plain = scanner.scan().get(0);
    assertEquals(200, plain.dpi());
    assertEquals(ColourMode.BILEVEL, plain.colourMode());
  }

  @Test
  void everyPageOfAMultiPageTiffIsReturnedAsPng() throws Exception {
    Path tiff = inbox.resolve("fax.tif");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff.toFile())) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (int i = 0; i < 3; i++) {
        writer.writeToSequence(new IIOImage(image(BufferedImage.TYPE_BYTE_BINARY), null, null),
            null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    List<ScannedPage> pages = new InboxScanner(inbox, 200).scan();
    assertEquals(3, pages.size());
    assertTrue(pages.stream().allMatch(p -> p.mediaType().equals("image/png")
        && p.colourMode() == ColourMode.BILEVEL && p.widthPixels() == 40));
  }

  @Test
  void pdfAndOtherFilesAreRejectedAndHiddenFilesIgnored() throws Exception {
    Files.writeString(inbox.resolve("letter.pdf"), "%PDF-1.4");
    Files.writeString(inbox.resolve(".copying.png"), "half");
    InboxScanner scanner = new InboxScanner(inbox, 200);
    assertEquals(List.of(), scanner.scan());
    assertTrue(Files.exists(inbox.resolve("rejected/letter.pdf")));
    assertTrue(Files.exists(inbox.resolve(".copying.png")));
  }

  @Test
  void aBrokenImageIsAnIoFailureAndMovedAside() throws Exception {
    Files.writeString(inbox.resolve("broken.png"), "not a png");
    InboxScanner scanner = new InboxScanner(inbox, 200);
    ScannerException e = assertThrows(ScannerException.class, scanner::scan);
    assertEquals(ScannerException.Kind.IO, e.kind());
    assertTrue(Files.exists(inbox.resolve("rejected/broken.png")));
    assertEquals(List.of(), scanner.scan());
  }
}
