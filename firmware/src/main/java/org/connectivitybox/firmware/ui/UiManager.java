package org.connectivitybox.firmware.ui;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.coordinator.SendResult;
import org.connectivitybox.firmware.store.AddressBook;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.store.StoreCorruption;
import org.connectivitybox.hal.display.DisplayException;
import org.connectivitybox.hal.display.TextDisplay;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.keypad.KeypadListener;
import org.connectivitybox.hal.scanner.ScannedPage;
import org.connectivitybox.hal.scanner.Scanner;
import org.connectivitybox.hal.time.Ticker;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.Page;
import org.connectivitybox.protocols.document.PageEncoder;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.transfer.ReceivedDocument;
import org.connectivitybox.protocols.transfer.TransferProgress;
import org.tinylog.Logger;

/**
 * The UI manager 41: what the LCD shows and what the keys do (the specification's user
 * interface 32). One screen at a time, enum-driven:
 *
 * <pre>
 *   HOME ──UP/DOWN──▶ BROWSE ──SEND──▶ SENDING ──ended──▶ RESULT ──OK (failed: retry)──▶ SENDING
 *     │                  └──BACK──▶ HOME                        └──BACK/OK──▶ HOME
 *     ├──OK──▶ MENU ──OK──▶ EDIT_NAME ──OK──▶ EDIT_CB_NAME ──OK──▶ (saved) HOME
 *     └── (a wakeup run) RECEIVING ──printed──▶ RECEIVED ──any key──▶ HOME
 * </pre>
 * Screens: "Dialling…", "Waiting for Uncle Jo…", "Sending p2/3 45%", "Sent ✓", "Failed: BUSY"
 * with "OK=retry BACK"; the receiver shows "Receiving p1/1 40%" and "Printed ✓". A contact
 * added on the keypad (multi-tap) is stored and sets the AB-sync action indicator, so the next
 * connection synchronises the address book. Thread-safe: keys and coordinator events are
 * serialised on this object.
 */
public final class UiManager implements KeypadListener, Coordinator.Listener {

  /** The screens. */
  public enum Screen { HOME, BROWSE, SENDING, RESULT, RECEIVING, RECEIVED, MENU, EDIT_NAME,
    EDIT_CB_NAME, MESSAGE }

  /** Starts the user's SEND; the coordinator in the firmware. */
  public interface Sender {
    void send(CbName receiver, String friendlyName, Document document,
        Consumer<SendResult> done);
  }

  private final TextDisplay display;
  private final Scanner scanner;
  private final BoxStore store;
  private final Sender sender;
  private final Ticker ticker;
  private final String boxName;
  private Screen screen = Screen.HOME;
  private int selected;
  private AddressBook.Entry sending;
  private SendResult last;
  private MultiTap entry;
  private String newName;

  public UiManager(TextDisplay display, Scanner scanner, BoxStore store, Sender sender,
      Ticker ticker, String boxName) {
    this.display = Objects.requireNonNull(display, "display");
    this.scanner = Objects.requireNonNull(scanner, "scanner");
    this.store = Objects.requireNonNull(store, "store");
    this.sender = Objects.requireNonNull(sender, "sender");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.boxName = boxName;
  }

  /** Shows the home screen. */
  public synchronized void start() {
    home();
  }

  public synchronized Screen screen() {
    return screen;
  }

  /** Shows a message (configuration steps, errors) until the next key or event. */
  public synchronized void message(String first, String second) {
    screen = Screen.MESSAGE;
    show(first, second);
  }

  private List<AddressBook.Entry> book() {
    try {
      return store.addressBook().entries();
    } catch (StoreCorruption e) {
      Logger.error("{}", e.getMessage());
      return List.of();
    }
  }

  @Override
  public synchronized void keyPressed(Key key) {
    switch (screen) {
      case HOME, MESSAGE, RECEIVED -> {
        if (key == Key.UP || key == Key.DOWN) {
          browse(key == Key.UP ? -1 : 0);
        } else if (key == Key.OK && screen == Screen.HOME) {
          screen = Screen.MENU;
          show("Add contact?", "OK=yes BACK=no");
        } else {
          home();
        }
      }
      case BROWSE -> {
        List<AddressBook.Entry> book = book();
        if (key == Key.UP || key == Key.DOWN) {
          browse(Math.floorMod(selected + (key == Key.UP ? -1 : 1), Math.max(1, book.size())));
        } else if (key == Key.SEND && !book.isEmpty()) {
          startSend(book.get(Math.min(selected, book.size() - 1)));
        } else if (key == Key.BACK) {
          home();
        }
      }
      case RESULT -> {
        if (key == Key.OK && !(last instanceof SendResult.Delivered) && sending != null) {
          startSend(sending);
        } else {
          home();
        }
      }
      case MENU -> {
        if (key == Key.OK) {
          entry = new MultiTap(ticker, AddressBook.MAX_FRIENDLY_NAME, true);
          screen = Screen.EDIT_NAME;
          showEntry("Name:");
        } else {
          home();
        }
      }
      case EDIT_NAME, EDIT_CB_NAME -> edit(key);
      case SENDING, RECEIVING -> { } // the coordinator owns the screen
    }
  }

  private void edit(Key key) {
    String label = screen == Screen.EDIT_NAME ? "Name:" : "CB name:";
    if (entry.press(key)) {
      showEntry(label);
      return;
    }
    if (key == Key.BACK) {
      if (entry.isEmpty()) {
        home();
        return;
      }
      entry.backspace();
      showEntry(label);
    } else if (key == Key.OK) {
      String text = entry.finish().strip();
      if (text.isEmpty()) {
        showEntry(label);
      } else if (screen == Screen.EDIT_NAME) {
        newName = text;
        entry = new MultiTap(ticker, 64, false);
        screen = Screen.EDIT_CB_NAME;
        showEntry("CB name:");
      } else {
        saveContact(newName, text);
      }
    }
  }

  private void saveContact(String friendly, String cbName) {
    try {
      AddressBook.Entry e = new AddressBook.Entry(friendly, CbName.of(cbName));
      store.writeAddressBook(store.addressBook().with(e));
      BoxStore.SequenceState s = store.sequenceState();
      store.writeSequenceState(new BoxStore.SequenceState(s.numbers(),
          s.indicators().withLocal(Task.ADDRESS_BOOK)));
      screen = Screen.MESSAGE;
      show("Saved \u2713", friendly);
    } catch (IllegalArgumentException e) {
      screen = Screen.MESSAGE;
      show("Not saved:", e.getMessage());
    } catch (IOException | StoreCorruption e) {
      screen = Screen.MESSAGE;
      show("Not saved:", "store error");
      Logger.error("saving a contact: {}", e.getMessage());
    }
  }

  private void showEntry(String label) {
    String text = entry.shown();
    int width = display.geometry().columns();
    String visible = text.length() >= width ? text.substring(text.length() - width + 1) : text;
    show(label, visible);
    try {
      display.showCursor(1, Math.min(visible.length(), width - 1));
    } catch (DisplayException e) {
      Logger.warn("LCD: {}", e.getMessage());
    }
  }

  private void browse(int index) {
    List<AddressBook.Entry> book = book();
    if (book.isEmpty()) {
      screen = Screen.MESSAGE;
      show("No contacts", "OK=add one");
      screen = Screen.HOME;
      return;
    }
    selected = index < 0 ? book.size() - 1 : Math.min(index, book.size() - 1);
    screen = Screen.BROWSE;
    show("To: " + book.get(selected).friendlyName(), "SEND to send");
  }

  private void startSend(AddressBook.Entry to) {
    sending = to;
    screen = Screen.SENDING;
    show("Scanning...", to.friendlyName());
    Document document;
    try {
      document = scan();
    } catch (IOException e) {
      result(new SendResult.Failed("SCANNER", e.getMessage()));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result(new SendResult.Failed("STOPPED", "interrupted while scanning"));
      return;
    }
    if (document == null) {
      result(new SendResult.Failed("NO PAGE", "the scanner has no document"));
      return;
    }
    sender.send(to.cbName(), to.friendlyName(), document, this::ended);
  }

  private Document scan() throws IOException, InterruptedException {
    List<ScannedPage> pages = scanner.scan();
    if (pages.isEmpty()) {
      return null;
    }
    PageEncoder encoder = PageEncoder.standard();
    List<Page> encoded = new ArrayList<>();
    for (ScannedPage p : pages) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.image()));
      if (image == null) {
        throw new IOException("the scanner gave an image ImageIO cannot read: " + p.mediaType());
      }
      encoded.add(encoder.encode(image, p.dpi()));
    }
    return new Document(encoded);
  }

  private synchronized void ended(SendResult r) {
    result(r);
  }

  private void result(SendResult r) {
    last = r;
    screen = Screen.RESULT;
    if (r instanceof SendResult.Delivered) {
      show("Sent \u2713", sending == null ? "" : sending.friendlyName());
    } else if (r instanceof SendResult.Refused refused) {
      show("Refused:", refused.reason());
    } else if (r instanceof SendResult.Failed f) {
      show("Failed: " + f.shortReason(), "OK=retry BACK");
    }
  }

  @Override
  public synchronized void phase(Phase phase, String detail) {
    if (screen == Screen.SENDING) {
      switch (phase) {
        case CONNECTING -> show("Dialling...", detail);
        case SEND_VERIFY -> show(detail + "...", "");
        case TRANSFER -> show(detail, "");
        default -> { }
      }
    } else if (screen != Screen.RESULT && phase == Phase.TRANSFER) {
      screen = Screen.RECEIVING;
      show("Receiving", "");
    } else if (screen == Screen.HOME && phase == Phase.CONNECTING) {
      show(boxName, "On line...");
    } else if ((screen == Screen.HOME || screen == Screen.RECEIVING) && phase == Phase.IDLE) {
      home(); // a run that printed nothing (refused, failed) leaves no screen behind
    }
  }

  @Override
  public synchronized void sendProgress(TransferProgress p) {
    if (screen == Screen.SENDING) {
      show("Sending p" + Math.max(1, Math.min(p.totalPages(), p.pages() + 1)) + "/"
          + p.totalPages() + " " + p.percent() + "%", sending == null ? ""
          : sending.friendlyName());
    }
  }

  @Override
  public synchronized void receiveProgress(TransferProgress p) {
    if (screen == Screen.HOME || screen == Screen.RECEIVING || screen == Screen.MESSAGE) {
      screen = Screen.RECEIVING;
      show("Receiving p" + Math.max(1, Math.min(p.totalPages(), p.pages() + 1)) + "/"
          + p.totalPages() + " " + p.percent() + "%", "");
    }
  }

  @Override
  public synchronized void received(ReceivedDocument document, String printed) {
    screen = Screen.RECEIVED;
    show("Printed \u2713 " + document.document().pageCount() + "p",
        "from " + document.sender().value());
  }

  @Override
  public synchronized void printFailed(ReceivedDocument document, String why) {
    screen = Screen.MESSAGE;
    show("Print failed", why == null ? "" : why);
  }

  private void home() {
    screen = Screen.HOME;
    show(boxName, "UP/DN pick, SEND");
  }

  private void show(String first, String second) {
    try {
      display.hideCursor();
      display.writeLine(0, fit(first));
      display.writeLine(1, fit(second));
    } catch (DisplayException e) {
      Logger.warn("LCD: {}", e.getMessage());
    }
  }

  private String fit(String s) {
    int width = display.geometry().columns();
    String t = s == null ? "" : s;
    return t.length() > width ? t.substring(0, width) : t;
  }
}
