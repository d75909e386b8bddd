package org.connectivitybox.hal.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.connectivitybox.hal.keypad.Key;

/**
 * The wiring of a GPIO matrix keypad and the SEND button, and the scan timing.
 *
 * <p>Pins are BCM GPIO numbers. Rows are driven (idle high, low while scanned); columns are inputs
 * with pull-ups, so a pressed key pulls its column low while its row is scanned. The SEND button
 * joins its pin to ground. {@code keys.get(r).get(c)} is the key at row r, column c.
 *
 * @param rowPins the row outputs, top first
 * @param columnPins the column inputs, left first
 * @param keys the key at each crossing; each key at most once
 * @param sendPin the SEND button's input, or empty if SEND is in the matrix
 * @param scanPeriod time between two scans of the whole matrix; default 5 ms
 * @param debounce how long a key must read the same before its change is believed; default 20 ms
 */
public record MatrixKeypadConfig(
    List<Integer> rowPins,
    List<Integer> columnPins,
    List<List<Key>> keys,
    OptionalInt sendPin,
    Duration scanPeriod,
    Duration debounce) {

  /** The usual 4×4 membrane pad, with A B C D as UP DOWN OK BACK. */
  public static final List<List<Key>> LAYOUT_4X4 =
      List.of(
          List.of(Key.DIGIT_1, Key.DIGIT_2, Key.DIGIT_3, Key.UP),
          List.of(Key.DIGIT_4, Key.DIGIT_5, Key.DIGIT_6, Key.DOWN),
          List.of(Key.DIGIT_7, Key.DIGIT_8, Key.DIGIT_9, Key.OK),
          List.of(Key.STAR, Key.DIGIT_0, Key.HASH, Key.BACK));

  /** Default scan period. */
  public static final Duration DEFAULT_SCAN_PERIOD = Duration.ofMillis(5);

  /** Default debounce time. */
  public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(20);

  /** Checks that the layout matches the pins, no pin is used twice and no key appears twice. */
  public MatrixKeypadConfig {
    rowPins = List.copyOf(rowPins);
    columnPins = List.copyOf(columnPins);
    keys = keys.stream().map(List::copyOf).toList();
    Objects.requireNonNull(sendPin, "sendPin");
    Objects.requireNonNull(scanPeriod, "scanPeriod");
    Objects.requireNonNull(debounce, "debounce");
    if (rowPins.isEmpty() || columnPins.isEmpty()) {
      throw new IllegalArgumentException("a matrix needs at least one row and one column");
    }
    if (keys.size() != rowPins.size()) {
      throw new IllegalArgumentException(
          keys.size() + " rows of keys for " + rowPins.size() + " row pins");
    }
    Set<Key> seen = new HashSet<>();
    for (List<Key> row : keys) {
      if (row.size() != columnPins.size()) {
        throw new IllegalArgumentException(
            "row " + row + " has " + row.size() + " keys for " + columnPins.size() + " columns");
      }
      for (Key k : row) {
        if (!seen.add(k)) {
          throw new IllegalArgumentException(k + " appears twice in the matrix");
        }
      }
    }
    if (sendPin.isPresent() == seen.contains(Key.SEND)) {
      throw new IllegalArgumentException(
          "SEND must be either in the matrix or on its own pin, exactly once");
    }
    List<Integer> pins = new ArrayList<>(rowPins);
    pins.addAll(columnPins);
    sendPin.ifPresent(pins::add);
    Set<Integer> unique = new HashSet<>();
    for (int pin : pins) {
      if (pin < 0) {
        throw new IllegalArgumentException("GPIO " + pin + " is not a pin");
      }
      if (!unique.add(pin)) {
        throw new IllegalArgumentException("GPIO " + pin + " is used twice");
      }
    }
    if (scanPeriod.isNegative() || scanPeriod.isZero()) {
      throw new IllegalArgumentException("scan period must be positive, not " + scanPeriod);
    }
    if (debounce.isNegative()) {
      throw new IllegalArgumentException("debounce must not be negative, not " + debounce);
    }
  }

  /**
   * The 4×4 layout {@link #LAYOUT_4X4} on rows GPIO 5, 6, 13, 19, columns GPIO 12, 16, 20, 21
   * and SEND on GPIO 26, with the default timing.
   */
  public static MatrixKeypadConfig defaults() {
    return new MatrixKeypadConfig(
        List.of(5, 6, 13, 19),
        List.of(12, 16, 20, 21),
        LAYOUT_4X4,
        OptionalInt.of(26),
        DEFAULT_SCAN_PERIOD,
        DEFAULT_DEBOUNCE);
  }

  /** This wiring with another debounce time. */
  public MatrixKeypadConfig withDebounce(Duration newDebounce) {
    return new MatrixKeypadConfig(rowPins, columnPins, keys, sendPin, scanPeriod, newDebounce);
  }
}
