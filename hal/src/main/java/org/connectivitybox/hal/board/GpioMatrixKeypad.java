package org.connectivitybox.hal.board;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.keypad.Keypad;
import org.connectivitybox.hal.keypad.KeypadListener;
import org.connectivitybox.hal.keypad.KeypadListeners;
import org.connectivitybox.hal.time.Scheduler;
import org.connectivitybox.hal.time.Ticker;
import org.tinylog.Logger;

/**
 * The board's keypad: a GPIO matrix scanned row by row, and the SEND button on its own pin,
 * through Pi4J (wiring in {@link MatrixKeypadConfig}).
 *
 * <p>Every {@link MatrixKeypadConfig#scanPeriod()} the injected {@link Scheduler} runs one scan:
 * each row in turn is driven low and the columns read (low = pressed), then the SEND pin. A key's
 * change is believed once it has read the same for {@link MatrixKeypadConfig#debounce()} by the
 * injected {@link Ticker}; then listeners are told, on the scheduler's thread. Several keys may be
 * down at once (a pad without diodes can ghost a fourth key when three at a corner are held).
 *
 * <p>A GPIO failure during a scan is logged and the scan retried next period; failures to open
 * the pins are {@link BoardException}s.
 */
public final class GpioMatrixKeypad implements Keypad {

  private final Context pi4j;
  private final List<String> ids;
  private final MatrixKeypadConfig config;
  private final Ticker ticker;
  private final Scheduler scheduler;
  private final KeypadListeners listeners = new KeypadListeners();
  private final List<DigitalOutput> rows;
  private final List<DigitalInput> columns;
  private final DigitalInput send;
  private final Map<Key, Debounced> keys = new EnumMap<>(Key.class);
  private Scheduler.Cancellable next;
  private boolean closed;
  private boolean failing;

  /** One key's raw reading and believed state. */
  private static final class Debounced {
    boolean raw;
    long rawSince;
    boolean down;
  }

  private GpioMatrixKeypad(
      Context pi4j,
      List<String> ids,
      MatrixKeypadConfig config,
      Ticker ticker,
      Scheduler scheduler,
      List<DigitalOutput> rows,
      List<DigitalInput> columns,
      DigitalInput send) {
    this.pi4j = pi4j;
    this.ids = ids;
    this.config = config;
    this.ticker = ticker;
    this.scheduler = scheduler;
    this.rows = rows;
    this.columns = columns;
    this.send = send;
    long now = ticker.nanos();
    for (List<Key> row : config.keys()) {
      for (Key k : row) {
        keys.put(k, newDebounced(now));
      }
    }
    if (send != null) {
      keys.put(Key.SEND, newDebounced(now));
    }
  }

  private static Debounced newDebounced(long now) {
    Debounced d = new Debounced();
    d.rawSince = now;
    return d;
  }

  /**
   * Claims the pins of {@code config} on {@code board} and starts scanning on {@code scheduler}.
   *
   * @throws BoardException if a pin cannot be claimed (the message names it)
   */
  public static GpioMatrixKeypad open(
      Pi4jBoard board, MatrixKeypadConfig config, Ticker ticker, Scheduler scheduler)
      throws BoardException {
    Objects.requireNonNull(board, "board");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(scheduler, "scheduler");
    Context pi4j = board.context();
    List<String> opened = new ArrayList<>();
    try {
      List<DigitalOutput> rows = new ArrayList<>();
      for (int i = 0; i < config.rowPins().size(); i++) {
        int pin = config.rowPins().get(i);
        String id = "keypad-row-" + i;
        DigitalOutput out =
            claim(opened, "row " + i + " (GPIO " + pin + ")", () -> pi4j.create(
                DigitalOutput.newConfigBuilder(pi4j)
                    .id(id)
                    .address(pin)
                    .initial(DigitalState.HIGH)
                    .shutdown(DigitalState.HIGH)));
        rows.add(out);
      }
      List<DigitalInput> columns = new ArrayList<>();
      for (int i = 0; i < config.columnPins().size(); i++) {
        int pin = config.columnPins().get(i);
        String id = "keypad-column-" + i;
        columns.add(claim(opened, "column " + i + " (GPIO " + pin + ")", () -> pi4j.create(
            DigitalInput.newConfigBuilder(pi4j)
                .id(id)
                .address(pin)
                .pull(PullResistance.PULL_UP))));
      }
      DigitalInput send = null;
      if (config.sendPin().isPresent()) {
        int pin = config.sendPin().getAsInt();
        send = claim(opened, "SEND button (GPIO " + pin + ")", () -> pi4j.create(
            DigitalInput.newConfigBuilder(pi4j)
                .id("keypad-send")
                .address(pin)
                .pull(PullResistance.PULL_UP)));
      }
      GpioMatrixKeypad keypad =
          new GpioMatrixKeypad(pi4j, opened, config, ticker, scheduler, rows, columns, send);
      keypad.scheduleNext();
      return keypad;
    } catch (BoardException e) {
      opened.forEach(id -> release(pi4j, id));
      throw e;
    }
  }

  private interface Creation<T> {
    T create();
  }

  private static <T extends com.pi4j.io.IO<?, ?, ?>> T claim(
      List<String> opened, String what, Creation<T> creation) throws BoardException {
    try {
      T io = creation.create();
      opened.add(io.id());
      return io;
    } catch (RuntimeException e) {
      throw new BoardException("keypad " + what + ": cannot claim: " + e.getMessage(), e);
    }
  }

  @Override
  public void addListener(KeypadListener listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(KeypadListener listener) {
    listeners.remove(listener);
  }

  private synchronized void scheduleNext() {
    if (!closed) {
      next = scheduler.schedule(config.scanPeriod(), this::tick);
    }
  }

  private void tick() {
    try {
      scan();
    } finally {
      scheduleNext();
    }
  }

  /** One pass over the matrix and the SEND pin; tells listeners of the debounced changes. */
  synchronized void scan() {
    if (closed) {
      return;
    }
    long now = ticker.nanos();
    List<Key> pressed = new ArrayList<>();
    List<Key> released = new ArrayList<>();
    try {
      for (int r = 0; r < rows.size(); r++) {
        DigitalOutput row = rows.get(r);
        row.low();
        try {
          for (int c = 0; c < columns.size(); c++) {
            boolean down = columns.get(c).isLow();
            observe(config.keys().get(r).get(c), down, now, pressed, released);
          }
        } finally {
          row.high();
        }
      }
      if (send != null) {
        observe(Key.SEND, send.isLow(), now, pressed, released);
      }
      failing = false;
    } catch (RuntimeException e) {
      if (!failing) {
        Logger.error(e, "keypad scan failed; retrying every {}", config.scanPeriod());
        failing = true;
      }
    }
    released.forEach(listeners::released);
    pressed.forEach(listeners::pressed);
  }

  private void observe(Key key, boolean down, long now, List<Key> pressed, List<Key> released) {
    Debounced d = keys.get(key);
    if (down != d.raw) {
      d.raw = down;
      d.rawSince = now;
    }
    if (d.raw != d.down && now - d.rawSince >= config.debounce().toNanos()) {
      d.down = d.raw;
      (d.down ? pressed : released).add(key);
    }
  }

  /** Stops scanning and releases every pin; closing twice is harmless. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (next != null) {
      next.cancel();
    }
    ids.forEach(id -> release(pi4j, id));
  }

  private static void release(Context pi4j, String id) {
    try {
      pi4j.shutdown(id);
    } catch (RuntimeException e) {
      Logger.warn(e, "keypad: releasing {} failed", id);
    }
  }
}
