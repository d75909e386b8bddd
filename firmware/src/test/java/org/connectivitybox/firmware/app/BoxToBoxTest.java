package org.connectivitybox.firmware.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.store.AddressBook;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

/**
 * The box end to end on the desktop (issue 5): two boxes on simulated devices, the PSTN
 * simulator with its NAP asking the CSS's RADIUS, and the CSS with its embedded database.
 *
 * <pre>
 *   A: DOWN (To: Jo), SEND ─▶ scan the drawing ─▶ dial the NAP, log in (RADIUS) ─▶ CONNECT ─▶ SEND held
 *   CSS: wakeup call to B's line (caller ID) ─▶ B's CBS monitor ─▶ B dials in, CONNECTs
 *   A: SEND accepted ─▶ transfer at the line rate to B ─▶ B VERIFYs, receives, prints
 *   both: final METERING ─▶ one billing record; DISCONNECT, hang up, IDLE
 * </pre>
 */
class BoxToBoxTest {
  static final String A_LINE = "5552001";
  static final String B_LINE = "5552002";
  static final CbId ALICE = CbId.of("cb-alice");
  static final CbId JO = CbId.of("cb-jo");
  static final Path DRAWING = Path.of("../tools/pages/drawing-a4-200dpi.png");
  static final Path LETTER = Path.of("../tools/pages/letter-a4-200dpi.png");
  static final OperationalTimeouts TIMEOUTS = new OperationalTimeouts(Duration.ofSeconds(20),
      Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60),
      Duration.ofSeconds(3), Duration.ofSeconds(30));

  @Test
  void aPageSentOnAIsPrintedAtBWokenByTheCssAndBilledOnce() throws Exception {
    try (DesktopStory story = new DesktopStory(List.of(A_LINE, B_LINE), 33_600)) {
      Path a = story.provision("CB1A00000001", ALICE, "alice-home", "Alice", A_LINE, TIMEOUTS,
          List.of(new AddressBook.Entry("Jo", CbName.of("jo-home"))));
      Path b = story.provision("CB1A00000002", JO, "jo-home", "Uncle Jo", B_LINE, TIMEOUTS,
          List.of());
      DesktopStory.TestBox boxA = story.boot(a, A_LINE);
      DesktopStory.TestBox boxB = story.boot(b, B_LINE);
      Files.copy(DRAWING, boxA.inbox().resolve("page.png"));

      boxA.keypad().press(Key.DOWN);
      assertEquals("To: Jo", row(boxA, 0));
      boxA.keypad().press(Key.SEND);

      waitFor(Duration.ofSeconds(120), () -> events(b, "received").size() == 1,
          "B printed the page");
      waitFor(Duration.ofSeconds(30), () -> events(a, "sent").size() == 1, "A's SEND ended");
      JsonObject sent = events(a, "sent").get(0);
      JsonObject received = events(b, "received").get(0);
      assertEquals("DELIVERED", sent.get("result").getAsString(), sent.toString());
      assertEquals(sent.get("sha256").getAsString(), received.get("sha256").getAsString(),
          "the document B printed is the one A sent");
      assertEquals(sent.get("job").getAsLong(), received.get("job").getAsLong());
      assertEquals(ALICE.value(), received.get("sender").getAsString());

      Path printed = Path.of(received.get("printed").getAsString());
      assertTrue(printed.startsWith(boxB.printed()), printed.toString());
      assertSamePixels(ImageIO.read(DRAWING.toFile()), ImageIO.read(printed.toFile()));
      assertTrue(row(boxA, 0).startsWith("Sent"), "A's LCD: " + row(boxA, 0));

      waitFor(Duration.ofSeconds(30), () -> idle(boxA) && idle(boxB), "both boxes idle");
      waitFor(Duration.ofSeconds(10), () -> story.sim.exchange().activeCalls().isEmpty(),
          "both lines on hook");
      List<BillingRecord> bills = story.css.repositories().billing().latest(10);
      assertEquals(1, bills.size(), bills.toString());
      assertEquals("COMPLETED", bills.get(0).result());
      assertEquals(sent.get("bytes").getAsLong(), bills.get(0).bytes());
      assertEquals(1, bills.get(0).pages());
      assertTrue(row(boxB, 0).startsWith("Printed"), "B's LCD: " + row(boxB, 0));
    }
  }

  @Test
  void aTransferCutByADroppedLineResumesOnTheNextCallFromTheLastAcknowledgedChunk()
      throws Exception {
    try (DesktopStory story = new DesktopStory(List.of(A_LINE, B_LINE), 33_600)) {
      Path a = story.provision("CB1A00000001", ALICE, "alice-home", "Alice", A_LINE, TIMEOUTS,
          List.of(new AddressBook.Entry("Jo", CbName.of("jo-home"))));
      Path b = story.provision("CB1A00000002", JO, "jo-home", "Uncle Jo", B_LINE, TIMEOUTS,
          List.of());
      DesktopStory.TestBox boxA = story.boot(a, A_LINE);
      DesktopStory.TestBox boxB = story.boot(b, B_LINE);
      // The letter: about 56 KB of G4, some 13 s at 33.6 kbit/s.
      Files.copy(LETTER, boxA.inbox().resolve("letter.png"));
      boxA.keypad().press(Key.DOWN);
      boxA.keypad().press(Key.SEND);

      waitFor(Duration.ofSeconds(90), () -> phases(a).contains("TRANSFER"),
          "A starts sending");
      Thread.sleep(6_000);
      assertTrue(events(b, "received").isEmpty(), "not through yet when the line drops");
      int dropped = story.sim.exchange().dropCarrier(A_LINE);
      assertEquals(1, dropped, "A's call to the NAP loses carrier");

      waitFor(Duration.ofSeconds(120), () -> events(b, "received").size() == 1,
          "B printed the letter after A called again");
      waitFor(Duration.ofSeconds(30), () -> events(a, "sent").size() == 1, "A's SEND ended");
      JsonObject sent = events(a, "sent").get(0);
      JsonObject received = events(b, "received").get(0);
      assertEquals("DELIVERED", sent.get("result").getAsString(), sent.toString());
      assertEquals(sent.get("sha256").getAsString(), received.get("sha256").getAsString());
      assertTrue(sent.get("resumedFromChunk").getAsInt() > 0,
          "the second call resumed from the last acknowledged chunk: " + sent);
      assertTrue(sent.get("bytesThisCall").getAsLong() < sent.get("bytes").getAsLong(),
          "fewer bytes the second time: " + sent);
      long callsToNap = story.sim.exchange().callLog().records().stream()
          .filter(c -> c.from().equals(A_LINE) && c.to().equals(DesktopStory.NAP)).count();
      assertEquals(2, callsToNap, "A called the NAP twice");
      waitFor(Duration.ofSeconds(30), () -> idle(boxA) && idle(boxB), "both boxes idle");
      List<BillingRecord> bills = story.css.repositories().billing().latest(10);
      assertEquals(1, bills.size(), bills.toString());
      assertEquals("COMPLETED", bills.get(0).result());
      assertEquals(sent.get("bytes").getAsLong(), bills.get(0).bytes(),
          "billed once for the document, not for the bytes sent twice");
    }
  }

  static List<String> phases(Path store) {
    return events(store, "phase").stream().map(o -> o.get("phase").getAsString()).toList();
  }

  static boolean idle(DesktopStory.TestBox box) {
    return box.box().coordinator().phase() == Phase.IDLE && !box.box().coordinator().busy();
  }

  static String row(DesktopStory.TestBox box, int row) {
    return box.display().snapshot().lines().get(row).strip();
  }

  static List<JsonObject> events(Path store, String kind) {
    Path log = store.resolve(EventLog.FILE);
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(l -> JsonParser.parseString(l).getAsJsonObject())
          .filter(o -> kind.equals(o.get("event").getAsString())).toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    for (int y = 0; y < expected.getHeight(); y += 3) {
      for (int x = 0; x < expected.getWidth(); x += 3) {
        boolean black = (expected.getRGB(x, y) & 0xFFFFFF) == 0;
        boolean printedBlack = (actual.getRGB(x, y) & 0xFFFFFF) == 0;
        if (black != printedBlack) {
          fail("pixel " + x + "," + y + " differs");
        }
      }
    }
  }

  static void waitFor(Duration limit, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + limit.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }
}
