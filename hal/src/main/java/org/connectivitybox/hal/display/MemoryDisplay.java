package org.connectivitybox.hal.display;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.tinylog.Logger;

/**
 * The desktop's LCD: an in-memory model of a text display that tells listeners (the box's web
 * panel) of every change.
 *
 * <p>It keeps character codes, as the LCD's DDRAM does, so it shows exactly what the board's LCD
 * would for the same text ({@code ?} for what the LCD cannot show). Thread-safe: every call is
 * applied under one lock, and listeners are told under it too, so they see changes in the order
 * they were made; a listener must therefore be fast and must not block on another thread that
 * writes to this display.
 */
public final class MemoryDisplay implements TextDisplay {

  private final DisplayGeometry geometry;
  private final LcdCharset charset = LcdCharset.A00;
  private final List<DisplayListener> listeners = new CopyOnWriteArrayList<>();
  private final byte[][] cells;
  private boolean cursorVisible;
  private int cursorRow;
  private int cursorColumn;
  private boolean backlight = true;
  private long version;

  /** A clear display of {@code geometry}, cursor off, backlight on. */
  public MemoryDisplay(DisplayGeometry geometry) {
    this.geometry = Objects.requireNonNull(geometry, "geometry");
    this.cells = new byte[geometry.rows()][geometry.columns()];
    for (byte[] row : cells) {
      Arrays.fill(row, (byte) ' ');
    }
  }

  @Override
  public DisplayGeometry geometry() {
    return geometry;
  }

  /** Registers {@code listener}; it is told of changes from now on (not of the current state). */
  public void addListener(DisplayListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Unregisters {@code listener}; unknown listeners are ignored. */
  public void removeListener(DisplayListener listener) {
    listeners.remove(listener);
  }

  /** What the display shows now. */
  public synchronized DisplaySnapshot snapshot() {
    List<String> lines = new ArrayList<>(geometry.rows());
    for (byte[] row : cells) {
      StringBuilder sb = new StringBuilder(row.length);
      for (byte code : row) {
        sb.append(charset.render(code & 0xFF));
      }
      lines.add(sb.toString());
    }
    return new DisplaySnapshot(
        geometry, lines, cursorVisible, cursorRow, cursorColumn, backlight, version);
  }

  @Override
  public synchronized void writeLine(int row, String text) {
    geometry.checkRow(row);
    byte[] codes = charset.encode(Objects.requireNonNull(text, "text"));
    byte[] line = cells[row];
    Arrays.fill(line, (byte) ' ');
    System.arraycopy(codes, 0, line, 0, Math.min(codes.length, line.length));
    changed();
  }

  @Override
  public synchronized void clear() {
    for (byte[] row : cells) {
      Arrays.fill(row, (byte) ' ');
    }
    cursorRow = 0;
    cursorColumn = 0;
    changed();
  }

  @Override
  public synchronized void showCursor(int row, int column) {
    geometry.checkCell(row, column);
    cursorVisible = true;
    cursorRow = row;
    cursorColumn = column;
    changed();
  }

  @Override
  public synchronized void hideCursor() {
    cursorVisible = false;
    changed();
  }

  @Override
  public synchronized void setBacklight(boolean on) {
    backlight = on;
    changed();
  }

  /** Nothing to release; the model stays readable. */
  @Override
  public void close() {}

  private void changed() {
    version++;
    DisplaySnapshot snapshot = snapshot();
    for (DisplayListener listener : listeners) {
      try {
        listener.displayChanged(snapshot);
      } catch (RuntimeException e) {
        Logger.warn(e, "display listener {} failed", listener);
      }
    }
  }
}
