package org.connectivitybox.firmware.desktop;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.connectivitybox.hal.keypad.Key;

/**
 * The names of the keys in the panel's URLs ({@code POST /keys/NAME}): {@code 0}–{@code 9},
 * {@code STAR}, {@code HASH}, {@code UP}, {@code DOWN}, {@code OK}, {@code BACK}, {@code SEND};
 * the {@link Key} constant names ({@code DIGIT_5}) are accepted too. {@code *} and {@code #} are
 * spelled out because {@code #} cannot stand in a URL path.
 */
final class PanelKeys {

  private static final Map<String, Key> BY_NAME;

  static {
    Map<String, Key> names = new LinkedHashMap<>();
    for (Key key : Key.values()) {
      names.put(name(key), key);
    }
    for (Key key : Key.values()) {
      names.putIfAbsent(key.name(), key);
    }
    BY_NAME = Collections.unmodifiableMap(names);
  }

  private PanelKeys() {}

  /** The URL name of {@code key}. */
  static String name(Key key) {
    if (key.isDigit()) {
      return String.valueOf(key.symbol());
    }
    return key.name();
  }

  /** The key named {@code name} in a URL, exactly (names are upper case). */
  static Optional<Key> parse(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
