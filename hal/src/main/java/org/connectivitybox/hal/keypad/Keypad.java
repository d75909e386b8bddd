package org.connectivitybox.hal.keypad;

/**
 * The box's keys as events: each key goes down, then up, and listeners are told of both in order.
 *
 * <p>Safe for use by several threads. Closing stops the events and releases the device.
 */
public interface Keypad extends AutoCloseable {

  /** Registers {@code listener} for every later key event. */
  void addListener(KeypadListener listener);

  /** Unregisters {@code listener}; unknown listeners are ignored. */
  void removeListener(KeypadListener listener);

  /** Stops the events and releases the device; closing twice is harmless. */
  @Override
  void close();
}
