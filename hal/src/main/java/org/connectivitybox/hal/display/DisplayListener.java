package org.connectivitybox.hal.display;

/**
 * Told of every change of a {@link MemoryDisplay}, in order, on the thread that made it.
 * Handlers must be fast and must not throw (what they throw is logged and dropped).
 */
@FunctionalInterface
public interface DisplayListener {

  /** The display now shows {@code snapshot}. */
  void displayChanged(DisplaySnapshot snapshot);
}
