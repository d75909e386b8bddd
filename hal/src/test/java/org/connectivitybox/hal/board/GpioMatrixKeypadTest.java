package org.connectivitybox.hal.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.keypad.KeypadListener;
import org.connectivitybox.hal.time.ManualTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The matrix keypad on Pi4J's mock GPIO. The test plays the wires: when a row output goes low,
 * every column whose key on that row is held reads low, as on a real membrane pad; time moves
 * only when the test advances it.
 */
class GpioMatrixKeypadTest {

  private final MatrixKeypadConfig config = MatrixKeypadConfig.defaults();
  private final ManualTime time = new ManualTime();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final Set<Key> held = new HashSet<>();
  private Pi4jBoard board;
  private GpioMatrixKeypad keypad;

  @BeforeEach
  void open() throws Exception {
    board = MockBoards.mock();
    keypad = GpioMatrixKeypad.open(board, config, time, time);
    keypad.addListener(new KeypadListener() {
      @Override
      public void keyPressed(Key key) {
        events.add("down " + key);
      }

      @Override
      public void keyReleased(Key key) {
        events.add("up " + key);
      }
    });
    for (int r = 0; r < 4; r++) {
      DigitalOutput row = board.context().io("keypad-row-" + r);
      row.addListener(e -> wire());
    }
    wire();
  }

  @AfterEach
  void close() {
    keypad.close();
    board.close();
  }

  /** Sets every column and the SEND pin from the held keys and the rows now driven low. */
  private synchronized void wire() {
    for (int c = 0; c < 4; c++) {
      boolean low = false;
      for (int r = 0; r < 4; r++) {
        DigitalOutput row = board.context().io("keypad-row-" + r);
        if (row.isLow() && held.contains(config.keys().get(r).get(c))) {
          low = true;
        }
      }
      column(c).mockState(low ? DigitalState.LOW : DigitalState.HIGH);
    }
    MockDigitalInput send = board.context().io("keypad-send");
    send.mockState(held.contains(Key.SEND) ? DigitalState.LOW : DigitalState.HIGH);
  }

  private MockDigitalInput column(int c) {
    return board.context().io("keypad-column-" + c);
  }

  private synchronized void hold(Key key) {
    held.add(key);
    wire();
  }

  private synchronized void let(Key key) {
    held.remove(key);
    wire();
  }

  @Test
  void aKeyHeldLongerThanTheDebounceIsPressedOnceAndReleasedOnce() {
    hold(Key.DIGIT_5);
    time.advance(Duration.ofMillis(100));
    let(Key.DIGIT_5);
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of("down DIGIT_5", "up DIGIT_5"), events);
  }

  @Test
  void thePressIsReportedOnlyAfterTheDebounceTime() {
    hold(Key.OK);
    time.advance(Duration.ofMillis(20)); // first scan that sees it at 5 ms
    assertEquals(List.of(), events);
    time.advance(Duration.ofMillis(5)); // 25 ms: stable for 20 ms
    assertEquals(List.of("down OK"), events);
  }

  @Test
  void contactBounceShorterThanTheDebounceIsIgnored() {
    for (int i = 0; i < 5; i++) {
      hold(Key.DIGIT_1);
      time.advance(Duration.ofMillis(5));
      let(Key.DIGIT_1);
      time.advance(Duration.ofMillis(5));
    }
    time.advance(Duration.ofMillis(100));
    assertEquals(List.of(), events);
  }

  @Test
  void everyKeyOfTheMatrixAndTheSendButtonIsRecognised() {
    for (List<Key> row : config.keys()) {
      for (Key key : row) {
        hold(key);
        time.advance(Duration.ofMillis(30));
        let(key);
        time.advance(Duration.ofMillis(30));
      }
    }
    hold(Key.SEND);
    time.advance(Duration.ofMillis(30));
    let(Key.SEND);
    time.advance(Duration.ofMillis(30));
    assertEquals(34, events.size());
    assertEquals("down DIGIT_1", events.get(0));
    assertEquals("down BACK", events.get(30));
    assertEquals(List.of("down SEND", "up SEND"), events.subList(32, 34));
  }

  @Test
  void twoKeysOnDifferentRowsAndColumnsAreBothDown() {
    hold(Key.DIGIT_1);
    hold(Key.DIGIT_9);
    time.advance(Duration.ofMillis(30));
    assertEquals(Set.of("down DIGIT_1", "down DIGIT_9"), Set.copyOf(events));
  }

  @Test
  void closingStopsTheScanAndReleasesThePins() {
    keypad.close();
    assertEquals(0, time.pending());
    assertTrue(board.context().registry().all().isEmpty());
  }

  @Test
  void aPinUsedTwiceIsRefusedWithItsNumber() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MatrixKeypadConfig(List.of(5, 6, 13, 19), List.of(12, 16, 20, 5),
            MatrixKeypadConfig.LAYOUT_4X4, OptionalInt.of(26), Duration.ofMillis(5),
            Duration.ofMillis(20)));
    assertEquals("GPIO 5 is used twice", e.getMessage());
  }
}
