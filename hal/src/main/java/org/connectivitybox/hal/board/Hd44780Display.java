package org.connectivitybox.hal.board;

import com.pi4j.io.i2c.I2C;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.connectivitybox.hal.display.CustomGlyph;
import org.connectivitybox.hal.display.DisplayException;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.LcdCharset;
import org.connectivitybox.hal.display.TextDisplay;
import org.connectivitybox.hal.time.Pause;
import org.tinylog.Logger;

/**
 * The board's LCD: an HD44780 (or compatible) in 4-bit mode behind a PCF8574 I2C backpack, driven
 * through Pi4J. The bytes on the bus are those of {@link Pcf8574Lcd}.
 *
 * <p>{@link #open} runs the initialisation by instruction of the HD44780 datasheet (Figure 24):
 * wait 50 ms after power-up, function set 8-bit three times (waits of 5 ms, 150 µs, 150 µs), switch
 * to 4-bit, function set (4-bit, 2 lines, 5×8 dots), display off, clear (2 ms), entry mode
 * (increment, no shift); then it loads the {@link CustomGlyph}s into CGRAM and switches the
 * display on with the cursor off. The box never reads the LCD (R/W stays 0), so every wait is a
 * fixed {@link Pause} rather than a busy-flag poll; the I2C transfer of one instruction (≈0.5 ms at
 * 100 kHz) already outlasts the 37 µs an instruction takes, so only clear waits.
 *
 * <p>Thread-safe: each call is one synchronized sequence of bus writes. An I2C failure is a
 * {@link DisplayException} naming the bus and address.
 */
public final class Hd44780Display implements TextDisplay {

  private static final int CLEAR = 0x01;
  private static final int ENTRY_MODE_INCREMENT = 0x06;
  private static final int DISPLAY_CONTROL = 0x08;
  private static final int DISPLAY_ON = 0x04;
  private static final int CURSOR_ON = 0x02;
  private static final int FUNCTION_SET_4BIT = 0x20;
  private static final int TWO_LINES = 0x08;
  private static final int SET_CGRAM = 0x40;
  private static final int SET_DDRAM = 0x80;

  static final Duration POWER_ON_WAIT = Duration.ofMillis(50);
  static final Duration FIRST_FUNCTION_SET_WAIT = Duration.ofMillis(5);
  static final Duration FUNCTION_SET_WAIT = Duration.ofNanos(150_000);
  static final Duration CLEAR_WAIT = Duration.ofMillis(2);

  private final I2C i2c;
  private final Hd44780Config config;
  private final Pause pause;
  private final LcdCharset charset = LcdCharset.A00;
  private boolean backlight = true;
  private boolean cursorVisible;
  private int cursorRow;
  private int cursorColumn;
  private boolean closed;

  private Hd44780Display(I2C i2c, Hd44780Config config, Pause pause) {
    this.i2c = i2c;
    this.config = config;
    this.pause = pause;
  }

  /**
   * Opens the LCD described by {@code config} on {@code board} and initialises it; it is then
   * clear, cursor off, backlight on.
   *
   * @throws DisplayException if the bus cannot be opened or a write fails
   */
  public static Hd44780Display open(Pi4jBoard board, Hd44780Config config)
      throws DisplayException {
    return open(board, config, Pause.sleeping());
  }

  /** As {@link #open(Pi4jBoard, Hd44780Config)}, with the datasheet's waits done by {@code pause}. */
  public static Hd44780Display open(Pi4jBoard board, Hd44780Config config, Pause pause)
      throws DisplayException {
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(pause, "pause");
    I2C i2c;
    try {
      i2c =
          board
              .context()
              .create(
                  I2C.newConfigBuilder(board.context())
                      .id(String.format("lcd-%d-%02x", config.bus(), config.address()))
                      .name(config.toString())
                      .bus(config.bus())
                      .device(config.address())
                      .build());
    } catch (RuntimeException e) {
      throw new DisplayException(config + ": cannot open: " + e.getMessage(), e);
    }
    Hd44780Display display = new Hd44780Display(i2c, config, pause);
    try {
      display.initialise();
    } catch (DisplayException e) {
      display.close();
      throw e;
    }
    return display;
  }

  private synchronized void initialise() throws DisplayException {
    write(new byte[] {(byte) Pcf8574Lcd.BACKLIGHT});
    waitFor(POWER_ON_WAIT);
    write(Pcf8574Lcd.nibble(0x3, false, backlight));
    waitFor(FIRST_FUNCTION_SET_WAIT);
    write(Pcf8574Lcd.nibble(0x3, false, backlight));
    waitFor(FUNCTION_SET_WAIT);
    write(Pcf8574Lcd.nibble(0x3, false, backlight));
    waitFor(FUNCTION_SET_WAIT);
    write(Pcf8574Lcd.nibble(0x2, false, backlight));
    waitFor(FUNCTION_SET_WAIT);
    // A 4-line module is addressed as two long lines, so N=1 for anything above one row.
    instruction(FUNCTION_SET_4BIT | (config.geometry().rows() > 1 ? TWO_LINES : 0));
    instruction(DISPLAY_CONTROL);
    instruction(CLEAR);
    waitFor(CLEAR_WAIT);
    instruction(ENTRY_MODE_INCREMENT);
    loadCustomGlyphs();
    instruction(SET_DDRAM);
    displayControl();
  }

  private void loadCustomGlyphs() throws DisplayException {
    CustomGlyph[] glyphs = CustomGlyph.values();
    for (CustomGlyph g : glyphs) {
      instruction(SET_CGRAM | g.code() << 3);
      byte[] rows = new byte[8];
      for (int i = 0; i < 8; i++) {
        rows[i] = g.bitmap().get(i).byteValue();
      }
      write(Pcf8574Lcd.data(rows, backlight));
    }
  }

  @Override
  public DisplayGeometry geometry() {
    return config.geometry();
  }

  @Override
  public synchronized void writeLine(int row, String text) throws DisplayException {
    geometry().checkRow(row);
    byte[] codes = charset.encode(Objects.requireNonNull(text, "text"));
    byte[] line = new byte[geometry().columns()];
    Arrays.fill(line, (byte) ' ');
    System.arraycopy(codes, 0, line, 0, Math.min(codes.length, line.length));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(Pcf8574Lcd.octet(SET_DDRAM | address(row, 0), false, backlight));
    bytes.writeBytes(Pcf8574Lcd.data(line, backlight));
    if (cursorVisible) {
      bytes.writeBytes(
          Pcf8574Lcd.octet(SET_DDRAM | address(cursorRow, cursorColumn), false, backlight));
    }
    write(bytes.toByteArray());
  }

  @Override
  public synchronized void clear() throws DisplayException {
    instruction(CLEAR);
    waitFor(CLEAR_WAIT);
    cursorRow = 0;
    cursorColumn = 0;
  }

  @Override
  public synchronized void showCursor(int row, int column) throws DisplayException {
    geometry().checkCell(row, column);
    cursorVisible = true;
    cursorRow = row;
    cursorColumn = column;
    instruction(SET_DDRAM | address(row, column));
    displayControl();
  }

  @Override
  public synchronized void hideCursor() throws DisplayException {
    cursorVisible = false;
    displayControl();
  }

  @Override
  public synchronized void setBacklight(boolean on) throws DisplayException {
    backlight = on;
    write(new byte[] {(byte) (on ? Pcf8574Lcd.BACKLIGHT : 0)});
  }

  /** Releases the I2C device; the LCD keeps showing its text. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      i2c.close();
    } catch (RuntimeException e) {
      Logger.warn(e, "{}: close failed", config);
    }
  }

  /** The DDRAM address of a cell: rows 2 and 3 continue rows 0 and 1 (0x00, 0x40, +columns). */
  private int address(int row, int column) {
    int base = (row % 2 == 0 ? 0x00 : 0x40) + (row >= 2 ? geometry().columns() : 0);
    return base + column;
  }

  private void displayControl() throws DisplayException {
    instruction(DISPLAY_CONTROL | DISPLAY_ON | (cursorVisible ? CURSOR_ON : 0));
  }

  private void instruction(int value) throws DisplayException {
    write(Pcf8574Lcd.octet(value, false, backlight));
  }

  private void write(byte[] bytes) throws DisplayException {
    if (closed) {
      throw new DisplayException(config + ": closed");
    }
    try {
      i2c.write(bytes);
    } catch (RuntimeException e) {
      throw new DisplayException(config + ": I2C write failed: " + e.getMessage(), e);
    }
  }

  private void waitFor(Duration d) throws DisplayException {
    try {
      pause.pause(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DisplayException(config + ": interrupted while initialising", e);
    }
  }
}
