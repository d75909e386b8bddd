package org.connectivitybox.firmware.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.coordinator.SendResult;
import org.connectivitybox.firmware.store.AddressBook;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.scanner.InboxScanner;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sequence.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI manager on the desktop's in-memory LCD: what the screens say and what the keys do. The
 * coordinator is a recording collaborator here (the real one is in BoxToBoxTest).
 */
class UiManagerTest {
  @TempDir Path dir;
  final MemoryDisplay lcd = new MemoryDisplay(DisplayGeometry.LCD_16X2);
  final AtomicLong now = new AtomicLong();
  final List<String> sends = new ArrayList<>();
  Consumer<SendResult> done;
  BoxStore store;
  Path inbox;
  UiManager ui;

  @BeforeEach
  void start() throws Exception {
    store = BoxStore.open(dir.resolve("store"));
    store.writeAddressBook(AddressBook.EMPTY
        .with(new AddressBook.Entry("Uncle Jo", CbName.of("jo-home")))
        .with(new AddressBook.Entry("Bakery", CbName.of("bakery-1"))));
    inbox = Files.createDirectories(dir.resolve("inbox"));
    UiManager.Sender sender = (to, friendly, document, whenDone) -> {
      sends.add(to.value() + "/" + friendly + "/" + document.pageCount());
      done = whenDone;
    };
    ui = new UiManager(lcd, new InboxScanner(inbox, 200), store, sender, now::get, "Alice");
    ui.start();
  }

  String row(int i) {
    return lcd.snapshot().lines().get(i).strip();
  }

  void press(Key... keys) {
    for (Key k : keys) {
      ui.keyPressed(k);
      now.addAndGet(50_000_000L);
    }
  }

  @Test
  void browsingAndSendingShowEveryStatus() throws Exception {
    assertEquals("Alice", row(0));
    press(Key.DOWN);
    assertEquals("To: Uncle Jo", row(0));
    press(Key.DOWN);
    assertEquals("To: Bakery", row(0));
    press(Key.UP);
    assertEquals("To: Uncle Jo", row(0));

    press(Key.SEND);
    assertEquals("Failed: NO PAGE", row(0), "nothing in the scanner");
    Files.copy(Path.of("../tools/pages/drawing-a4-200dpi.png"), inbox.resolve("p.png"));
    press(Key.OK); // retry
    assertEquals(List.of("jo-home/Uncle Jo/1"), sends);

    ui.phase(Phase.CONNECTING, "Dialling");
    assertEquals("Dialling...", row(0));
    ui.phase(Phase.SEND_VERIFY, "Waiting for Uncle Jo");
    assertEquals("Waiting for Uncl", row(0), "cut to the 16 columns");
    ui.sendProgress(new org.connectivitybox.protocols.transfer.TransferProgress(
        org.connectivitybox.protocols.transfer.TransferProgress.Side.SENDER,
        org.connectivitybox.protocols.sendreceive.JobNumber.of(7), 4_500, 10_000, 0, 1, 1, 3));
    assertEquals("Sending p1/1 45%", row(0));
    done.accept(new SendResult.Failed("BUSY", "the line was busy"));
    assertEquals("Failed: BUSY", row(0));
    assertEquals("OK=retry BACK", row(1));
    press(Key.BACK);
    assertEquals("Alice", row(0));
  }

  @Test
  void aContactEnteredWithMultiTapIsStoredAndSetsTheAddressBookIndicator() throws Exception {
    press(Key.OK);
    assertEquals("Add contact?", row(0));
    press(Key.OK);
    assertEquals("Name:", row(0));
    // "Al": * (upper) 2 (A), * (lower), 5 5 5 (l)
    press(Key.STAR, Key.DIGIT_2, Key.STAR, Key.DIGIT_5, Key.DIGIT_5, Key.DIGIT_5);
    assertEquals("Al", row(1));
    press(Key.OK);
    assertEquals("CB name:", row(0));
    // "al-2": 2 (a), 555 (l), 11 (-), 2222 (2)
    press(Key.DIGIT_2, Key.DIGIT_5, Key.DIGIT_5, Key.DIGIT_5, Key.DIGIT_1, Key.DIGIT_1,
        Key.DIGIT_2, Key.DIGIT_2, Key.DIGIT_2, Key.DIGIT_2);
    assertEquals("al-2", row(1));
    press(Key.OK);
    assertTrue(row(0).startsWith("Saved"), row(0));
    assertEquals(CbName.of("al-2"), store.addressBook().find("Al").orElseThrow().cbName());
    assertTrue(store.sequenceState().indicators().pending().contains(Task.ADDRESS_BOOK),
        "the next connection synchronises the address book");
  }

  @Test
  void keysWaitWhileReceivingAndTheEndOfTheRunReturnsHome() {
    ui.phase(Phase.TRANSFER, "Receiving");
    assertEquals("Receiving", row(0));
    ui.receiveProgress(new org.connectivitybox.protocols.transfer.TransferProgress(
        org.connectivitybox.protocols.transfer.TransferProgress.Side.RECEIVER,
        org.connectivitybox.protocols.sendreceive.JobNumber.of(7), 2_000, 10_000, 0, 1, 1, 5));
    assertEquals("Receiving p1/1 2", row(0));
    press(Key.BACK);
    assertEquals("Receiving p1/1 2", row(0), "the coordinator owns the screen meanwhile");
    ui.phase(Phase.IDLE, "Ready");
    assertEquals("Alice", row(0));
  }
}
