package org.connectivitybox.hal.keypad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DesktopKeypadTest {

  @Test
  void aPressIsDownThenUpForEveryListener() {
    DesktopKeypad keypad = new DesktopKeypad();
    List<String> events = new CopyOnWriteArrayList<>();
    keypad.addListener(k -> {
      throw new IllegalStateException("a broken listener does not stop the others");
    });
    keypad.addListener(new KeypadListener() {
      @Override
      public void keyPressed(Key key) {
        events.add("down " + key.symbol());
      }

      @Override
      public void keyReleased(Key key) {
        events.add("up " + key.symbol());
      }
    });
    keypad.press(Key.digit(7));
    keypad.press(Key.SEND);
    assertEquals(List.of("down 7", "up 7", "down S", "up S"), events);
  }

  @Test
  void aClosedKeypadRefusesPresses() {
    DesktopKeypad keypad = new DesktopKeypad();
    keypad.close();
    assertThrows(IllegalStateException.class, () -> keypad.press(Key.OK));
  }
}
