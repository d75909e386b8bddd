package org.connectivitybox.hal.scanner.sane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.connectivitybox.hal.scanner.ColourMode;
import org.connectivitybox.hal.scanner.ScannedPage;
import org.connectivitybox.hal.scanner.ScannerException;
import org.connectivitybox.hal.testpeers.PeerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SANE scanner against a real saned (package sane-utils) serving its {@code test} backend, on
 * a free loopback port, with a configuration folder of the test's own ({@code SANE_CONFIG_DIR}:
 * {@code dll.conf} loads only {@code test}, {@code saned.conf} admits only 127.0.0.1).
 */
@Tag("saned")
class SaneScannerTest {

  private static final Path SANED = Path.of("/usr/sbin/saned");

  @TempDir static Path work;
  private static PeerProcess saned;
  private static int port;

  @BeforeAll
  static void startSaned() throws Exception {
    assumeTrue(Files.isExecutable(SANED),
        "skipped: " + SANED + " is missing (apt-get install sane-utils)");
    Path conf = Files.createDirectory(work.resolve("sane.d"));
    Files.writeString(conf.resolve("dll.conf"), "test\n");
    Files.writeString(conf.resolve("saned.conf"), "127.0.0.1\n");
    // The test backend's defaults, with a picture that has something on it.
    Files.writeString(conf.resolve("test.conf"), String.join("\n",
        "number_of_devices 2", "mode Gray", "resolution 50.0", "test-picture \"Grid\"",
        "br_x 80.0", "br_y 100.0", ""));
    port = PeerProcess.freePort();
    // -l: standalone, listening in the foreground (no inetd); -e: log to stderr.
    saned = PeerProcess.start(
        List.of(SANED.toString(), "-l", "-e", "-d", "2", "-b", "127.0.0.1", "-p",
            Integer.toString(port)),
        work.resolve("saned.log"), Map.of("SANE_CONFIG_DIR", conf.toString()));
    saned.awaitPort(port, Duration.ofSeconds(15));
  }

  @AfterAll
  static void stopSaned() throws Exception {
    if (saned != null) {
      saned.close();
    }
  }

  private static SaneScannerConfig config() {
    return SaneScannerConfig.of("test:0").withPort(port);
  }

  private static BufferedImage decode(ScannedPage page) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(page.image()));
  }

  @Test
  void aGreyFlatbedScanIsOnePageAtTheResolutionTheDeviceTook() throws Exception {
    List<ScannedPage> pages =
        new SaneScanner(config().withImage(100, ColourMode.GREY)).scan();
    assertEquals(1, pages.size(), () -> pages + "\n" + logOf());
    ScannedPage page = pages.get(0);
    assertEquals(100, page.dpi());
    assertEquals(ColourMode.GREY, page.colourMode());
    assertEquals("image/png", page.mediaType());
    BufferedImage image = decode(page);
    assertEquals(page.widthPixels(), image.getWidth());
    // 80 mm x 100 mm at 100 dpi
    assertEquals(315, image.getWidth(), 2);
    assertEquals(394, image.getHeight(), 2);
  }

  @Test
  void bilevelOnADeviceWithoutLineArtIsThresholdedToOneBit() throws Exception {
    ScannedPage page = new SaneScanner(config().withImage(50, ColourMode.BILEVEL)).scan().get(0);
    assertEquals(ColourMode.BILEVEL, page.colourMode());
    assertEquals(1, decode(page).getColorModel().getPixelSize());
  }

  @Test
  void aColourScanHasThreeComponents() throws Exception {
    ScannedPage page = new SaneScanner(config().withImage(50, ColourMode.COLOUR)).scan().get(0);
    assertEquals(ColourMode.COLOUR, page.colourMode());
    assertTrue(decode(page).getColorModel().getNumComponents() >= 3);
  }

  @Test
  void theFeederGivesEverySheetUntilItIsEmpty() throws Exception {
    List<ScannedPage> pages = new SaneScanner(
        config().withImage(50, ColourMode.GREY).withFeeder(true)).scan();
    // saned's test backend feeds 10 sheets, then answers "no documents".
    assertTrue(pages.size() > 1, () -> pages.size() + " pages");
    assertTrue(pages.stream().allMatch(p -> p.dpi() == 50));
  }

  @Test
  void anUnknownDeviceIsNoSuchDevice() {
    ScannerException e = assertThrows(ScannerException.class,
        () -> new SaneScanner(SaneScannerConfig.of("nothing:0").withPort(port)).scan());
    assertEquals(ScannerException.Kind.NO_SUCH_DEVICE, e.kind());
  }

  @Test
  void aPortWhereNothingListensIsUnreachable() throws Exception {
    int closed = PeerProcess.freePort();
    ScannerException e = assertThrows(ScannerException.class,
        () -> new SaneScanner(SaneScannerConfig.of("test:0").withPort(closed)).scan());
    assertEquals(ScannerException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage());
  }

  private static String logOf() {
    try {
      return saned.log();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
