package org.connectivitybox.hal.printer.ipp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.connectivitybox.hal.printer.PrintDocument;
import org.connectivitybox.hal.printer.PrintOutcome;
import org.connectivitybox.hal.printer.PrinterException;
import org.connectivitybox.hal.testpeers.DnsSd;
import org.connectivitybox.hal.testpeers.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IPP printer against a real IPP Everywhere peer: Debian's {@code ippeveprinter} (package
 * cups-ipp-utils) on a free loopback port, accepting PDF, JPEG and PNG, keeping what it prints in
 * a spool folder of the test's own.
 */
@Tag("ippeveprinter")
class IppPrinterTest {

  private static final Path IPPEVEPRINTER = Path.of("/usr/sbin/ippeveprinter");

  @TempDir static Path work;
  private static Path spool;
  private static DnsSd dnsSd;
  private static PeerProcess printer;
  private static URI uri;

  @BeforeAll
  static void startPrinter() throws Exception {
    assumeTrue(Files.isExecutable(IPPEVEPRINTER),
        "skipped: " + IPPEVEPRINTER + " is missing (apt-get install cups-ipp-utils)");
    dnsSd = DnsSd.ensure(work);
    spool = Files.createDirectory(work.resolve("spool"));
    int port = PeerProcess.freePort();
    printer = PeerProcess.start(
        List.of(IPPEVEPRINTER.toString(), "-r", "off", "-n", "localhost", "-p",
            Integer.toString(port), "-d", spool.toString(), "-k",
            "-f", "application/pdf,image/jpeg,image/png", "CB Test Printer"),
        work.resolve("ippeveprinter.log"), Map.of());
    printer.awaitPort(port, Duration.ofSeconds(15));
    uri = URI.create("ipp://127.0.0.1:" + port + "/ipp/print");
  }

  @AfterAll
  static void stopPrinter() throws Exception {
    if (printer != null) {
      printer.close();
    }
    if (dnsSd != null) {
      dnsSd.close();
    }
  }

  private static IppPrinter ippPrinter() {
    return new IppPrinter(new IppPrinterConfig(uri, "cb-test", Duration.ofSeconds(10),
        Duration.ofSeconds(60), Duration.ofMillis(100)));
  }

  private static byte[] png() throws IOException {
    BufferedImage page = new BufferedImage(64, 32, BufferedImage.TYPE_BYTE_BINARY);
    page.getGraphics().drawString("CB", 4, 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(page, "png", out);
    return out.toByteArray();
  }

  /** The spooled file of job {@code jobId}: ippeveprinter names it after the job id. */
  private static Path spooled(String jobId) throws IOException {
    try (Stream<Path> files = Files.list(spool)) {
      List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(jobId + "-"))
          .toList();
      assertEquals(1, found.size(), "spool holds " + found + " for job " + jobId);
      return found.get(0);
    }
  }

  @Test
  void aPngPageIsPrintedAndArrivesWholeInTheSpool() throws Exception {
    byte[] page = png();
    PrintOutcome outcome = ippPrinter().print(PrintDocument.ofBytes("page 1.png",
        PrintDocument.PNG, page));
    PrintOutcome.Printed printed = assertInstanceOf(PrintOutcome.Printed.class, outcome,
        () -> outcome + "\n" + logOf());
    assertTrue(printed.location().toString().endsWith("/" + printed.jobId()),
        printed.location().toString());
    assertArrayEquals(page, Files.readAllBytes(spooled(printed.jobId())));
  }

  @Test
  void aPdfFileIsStreamedFromDisk() throws Exception {
    Path pdf = work.resolve("letter.pdf");
    Files.write(pdf, ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    PrintOutcome outcome = ippPrinter().print(PrintDocument.ofFile(pdf, PrintDocument.PDF));
    PrintOutcome.Printed printed = assertInstanceOf(PrintOutcome.Printed.class, outcome,
        () -> outcome + "\n" + logOf());
    assertArrayEquals(Files.readAllBytes(pdf), Files.readAllBytes(spooled(printed.jobId())));
  }

  @Test
  void aFormatThePrinterDoesNotListIsRefusedBeforeAnyJob() throws Exception {
    PrintOutcome outcome = ippPrinter().print(
        PrintDocument.ofBytes("fax.tif", PrintDocument.TIFF, new byte[] {'I', 'I', 42, 0}));
    PrintOutcome.Refused refused = assertInstanceOf(PrintOutcome.Refused.class, outcome);
    assertEquals(PrintOutcome.Reason.DOCUMENT_FORMAT_NOT_SUPPORTED, refused.reason());
    assertTrue(refused.message().contains("image/tiff"), refused.message());
  }

  @Test
  void aWrongQueueIsARefusalWithThePrintersStatus() throws Exception {
    URI wrong = URI.create(uri.toString().replace("/ipp/print", "/ipp/nothing"));
    IppPrinter nowhere = new IppPrinter(IppPrinterConfig.of(wrong));
    PrintOutcome outcome = nowhere.print(PrintDocument.ofBytes("x.png", PrintDocument.PNG, png()));
    PrintOutcome.Refused refused = assertInstanceOf(PrintOutcome.Refused.class, outcome);
    assertEquals(PrintOutcome.Reason.OTHER, refused.reason());
  }

  @Test
  void aPortWhereNothingListensIsAPrinterException() throws Exception {
    URI closed = URI.create("ipp://127.0.0.1:" + PeerProcess.freePort() + "/ipp/print");
    PrinterException e = assertThrows(PrinterException.class,
        () -> new IppPrinter(IppPrinterConfig.of(closed))
            .print(PrintDocument.ofBytes("x.png", PrintDocument.PNG, new byte[] {1})));
    assertTrue(e.getMessage().contains("Get-Printer-Attributes"), e.getMessage());
  }

  private static String logOf() {
    try {
      return printer.log();
    } catch (IOException e) {
      return e.toString();
    }
  }
}
