package org.connectivitybox.hal.display;

/**
 * The size of a text LCD in character cells.
 *
 * @param columns characters per line, 1 to 40
 * @param rows lines, 1 to 4; an HD44780 holds at most 80 characters in all
 */
public record DisplayGeometry(int columns, int rows) {

  /** The common 2 lines of 16 characters. */
  public static final DisplayGeometry LCD_16X2 = new DisplayGeometry(16, 2);

  /** The common 4 lines of 20 characters. */
  public static final DisplayGeometry LCD_20X4 = new DisplayGeometry(20, 4);

  /** Checks the limits of an HD44780-class controller. */
  public DisplayGeometry {
    if (columns < 1 || columns > 40) {
      throw new IllegalArgumentException("columns must be 1 to 40, not " + columns);
    }
    if (rows < 1 || rows > 4) {
      throw new IllegalArgumentException("rows must be 1 to 4, not " + rows);
    }
    if (columns * rows > 80) {
      throw new IllegalArgumentException(
          columns + "x" + rows + " is more than the 80 characters an HD44780 holds");
    }
  }

  /** Throws unless {@code row} is a line of this display. */
  public void checkRow(int row) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " is not in 0.." + (rows - 1));
    }
  }

  /** Throws unless {@code row}, {@code column} is a cell of this display. */
  public void checkCell(int row, int column) {
    checkRow(row);
    if (column < 0 || column >= columns) {
      throw new IndexOutOfBoundsException(
          "column " + column + " is not in 0.." + (columns - 1));
    }
  }

  @Override
  public String toString() {
    return columns + "x" + rows;
  }
}
