package org.connectivitybox.hal.keypad;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The listeners of one keypad, told of events in registration order; a listener that throws is
 * logged and the others are still told. For implementations of {@link Keypad}.
 */
public final class KeypadListeners {

  private final List<KeypadListener> listeners = new CopyOnWriteArrayList<>();

  /** Adds {@code listener}. */
  public void add(KeypadListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes {@code listener}, if present. */
  public void remove(KeypadListener listener) {
    listeners.remove(listener);
  }

  /** Tells every listener that {@code key} went down. */
  public void pressed(Key key) {
    for (KeypadListener l : listeners) {
      try {
        l.keyPressed(key);
      } catch (RuntimeException e) {
        Logger.warn(e, "keypad listener {} failed on {} pressed", l, key);
      }
    }
  }

  /** Tells every listener that {@code key} came up. */
  public void released(Key key) {
    for (KeypadListener l : listeners) {
      try {
        l.keyReleased(key);
      } catch (RuntimeException e) {
        Logger.warn(e, "keypad listener {} failed on {} released", l, key);
      }
    }
  }
}
