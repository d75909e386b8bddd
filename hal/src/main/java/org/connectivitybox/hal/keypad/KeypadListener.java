package org.connectivitybox.hal.keypad;

/**
 * Told when a key goes down and when it comes up again (debounced on the board). Called on the
 * keypad's thread (the scan thread on the board, the presser's thread on the desktop); handlers
 * must be fast and must not throw (what they throw is logged and dropped).
 */
public interface KeypadListener {

  /** {@code key} went down. */
  void keyPressed(Key key);

  /** {@code key} came up; most listeners only care about presses. */
  default void keyReleased(Key key) {}
}
