package org.connectivitybox.hal.store;

import java.util.regex.Pattern;

/** The rule for record names: they become file names, so they are short, lower-case and plain. */
final class RecordNames {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private RecordNames() {}

  static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  static String check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid record name " + (name == null ? "null" : "'" + name + "'")
              + ": use 1 to 32 of a-z, 0-9 and '-', starting with a letter or digit");
    }
    return name;
  }
}
