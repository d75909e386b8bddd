package org.connectivitybox.hal.display;

import java.util.List;

/**
 * What a display shows at one moment: the lines as the LCD renders them (see {@link
 * LcdCharset#render}), the cursor and the backlight.
 *
 * @param geometry the display's size
 * @param lines one string per row, each exactly {@code geometry.columns()} characters
 * @param cursorVisible whether the underline cursor is shown
 * @param cursorRow the cursor's row (meaningful when visible)
 * @param cursorColumn the cursor's column (meaningful when visible)
 * @param backlight whether the backlight is on
 * @param version increases by one with every change, so a renderer can drop stale snapshots
 */
public record DisplaySnapshot(
    DisplayGeometry geometry,
    List<String> lines,
    boolean cursorVisible,
    int cursorRow,
    int cursorColumn,
    boolean backlight,
    long version) {

  /** Copies the lines and checks they fit the geometry. */
  public DisplaySnapshot {
    lines = List.copyOf(lines);
    if (lines.size() != geometry.rows()) {
      throw new IllegalArgumentException(lines.size() + " lines for a " + geometry + " display");
    }
    for (String line : lines) {
      if (line.length() != geometry.columns()) {
        throw new IllegalArgumentException(
            "line \"" + line + "\" is not " + geometry.columns() + " characters");
      }
    }
  }
}
