package org.connectivitybox.hal.board;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.Objects;
import org.tinylog.Logger;

/**
 * The board's GPIO and I2C, held open through one Pi4J context that the board's devices share.
 *
 * <p>{@link #open()} loads the platform found on the class path: on the board Pi4J's Linux
 * file-system plugin, which drives I2C through {@code /dev/i2c-N} and GPIO through sysfs ({@code
 * /sys/class/gpio}; not yet tried on a board whose kernel numbers GPIO lines from 512 or has
 * dropped sysfs GPIO — Pi4J's gpiod plugin would be the alternative there). Close the board
 * after the devices opened on it; closing releases every pin and bus they hold.
 */
public final class Pi4jBoard implements AutoCloseable {

  private final Context context;

  /** A board on a given Pi4J context (tests pass one built from the mock plugin). */
  Pi4jBoard(Context context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  /**
   * Opens the board's I/O with the Pi4J plugins on the class path.
   *
   * @throws BoardException if Pi4J cannot start (no platform, no permission)
   */
  public static Pi4jBoard open() throws BoardException {
    try {
      return new Pi4jBoard(Pi4J.newAutoContext());
    } catch (RuntimeException e) {
      throw new BoardException("cannot start Pi4J: " + e.getMessage(), e);
    }
  }

  Context context() {
    return context;
  }

  /** Releases every pin and bus opened through this board; closing twice is harmless. */
  @Override
  public void close() {
    if (!context.isShutdown()) {
      try {
        context.shutdown();
      } catch (RuntimeException e) {
        Logger.warn(e, "Pi4J shutdown failed");
      }
    }
  }
}
