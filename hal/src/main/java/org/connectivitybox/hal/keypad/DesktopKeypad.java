package org.connectivitybox.hal.keypad;

/**
 * The desktop's keypad: other code (the web panel, a test, the demo) presses its keys.
 *
 * <p>{@link #press} tells the listeners "pressed" then "released" on the caller's thread, under
 * one lock, so presses from several threads are never interleaved.
 */
public final class DesktopKeypad implements Keypad {

  private final KeypadListeners listeners = new KeypadListeners();
  private volatile boolean closed;

  @Override
  public void addListener(KeypadListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(KeypadListener listener) {
    listeners.remove(listener);
  }

  /**
   * Presses and releases {@code key}.
   *
   * @throws IllegalStateException if the keypad is closed
   */
  public synchronized void press(Key key) {
    if (closed) {
      throw new IllegalStateException("keypad is closed; " + key + " not pressed");
    }
    listeners.pressed(key);
    listeners.released(key);
  }

  @Override
  public void close() {
    closed = true;
  }
}
