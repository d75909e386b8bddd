package org.connectivitybox.firmware.device;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.hal.printer.PrintDocument;
import org.connectivitybox.hal.printer.PrintOutcome;
import org.connectivitybox.hal.printer.Printer;
import org.connectivitybox.protocols.document.Page;
import org.connectivitybox.protocols.document.PageDecoder;
import org.connectivitybox.protocols.transfer.ReceivedDocument;

/**
 * The device-interface manager's printing: a received document becomes one print job — a PNG
 * for a one-page document, a multi-page TIFF otherwise (CCITT G4 for bilevel pages, Deflate for
 * the rest) — handed to the box's {@link Printer}. The answer is where it went: a file's path for
 * the desktop's folder printer, the job's URI for an IPP printer.
 */
public final class PrintJobs implements Coordinator.DocumentPrinter {
  private final Printer printer;

  public PrintJobs(Printer printer) {
    this.printer = printer;
  }

  @Override
  public String print(ReceivedDocument received) throws Exception {
    String name = "job-" + received.job().value();
    PrintDocument job = received.document().pageCount() == 1
        ? PrintDocument.ofBytes(name + ".png", PrintDocument.PNG,
            png(PageDecoder.decode(received.document().pages().get(0))))
        : PrintDocument.ofBytes(name + ".tiff", PrintDocument.TIFF, tiff(received));
    PrintOutcome outcome = printer.print(job);
    if (outcome instanceof PrintOutcome.Printed p) {
      return where(p.location());
    }
    if (outcome instanceof PrintOutcome.Accepted a) {
      return where(a.location());
    }
    throw new IOException("the printer did not print job " + received.job() + ": " + outcome);
  }

  private static String where(URI location) {
    return "file".equals(location.getScheme()) ? Path.of(location).toString()
        : location.toString();
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
    return out.toByteArray();
  }

  static byte[] tiff(ReceivedDocument received) throws IOException {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("tiff");
    if (!writers.hasNext()) {
      throw new IOException("no TIFF writer");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.prepareWriteSequence(null);
      for (Page page : received.document().pages()) {
        BufferedImage image = PageDecoder.decode(page);
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType(image.getType() == BufferedImage.TYPE_BYTE_BINARY
            ? "CCITT T.6" : "Deflate");
        writer.writeToSequence(new IIOImage(image, null, null), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
