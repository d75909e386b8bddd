package org.connectivitybox.firmware.config;

import java.time.Duration;
import java.util.Objects;
import org.connectivitybox.hal.display.DisplayException;
import org.connectivitybox.hal.display.TextDisplay;
import org.connectivitybox.protocols.config.Parameters191;
import org.tinylog.Logger;

/**
 * What the LCD shows while the box configures itself, in two rows that fit 16 columns:
 *
 * <pre>
 * Setting up...     Setting up...       Setting up...     Configured ✓
 * 1 of 3: calling   2 of 3: receiving   3 of 3: saving    Uncle Jo
 *
 * Not registered    NAP busy            No answer         Line lost
 * retry in 2 min    retry in 30 s       retry in 4 min    retry in 1 min
 * </pre>
 *
 * ("2 of 3: receiving" is 17 characters and shows as "2 of 3: receivin" on a 16-column LCD.)
 */
public final class ConfigScreens implements Configurator.Listener {
  private final TextDisplay display;

  public ConfigScreens(TextDisplay display) {
    this.display = Objects.requireNonNull(display, "display");
  }

  @Override
  public void step(Configurator.Mode mode, Configurator.Step step) {
    String what = switch (step) {
      case CALLING -> "calling";
      case RECEIVING -> "receiving";
      case STORING -> "saving";
    };
    show("Setting up...", step.number() + " of 3: " + what);
  }

  @Override
  public void configured(Parameters191 parameters) {
    show("Configured \u2713", parameters.friendlyName());
  }

  @Override
  public void failed(Configurator.Mode mode, Configurator.Failure failure, String detail,
      Duration retryIn) {
    String first = switch (failure) {
      case LOGIN_REFUSED -> mode == Configurator.Mode.CONFIG_NAP ? "Not registered"
          : "Login refused";
      case BUSY -> "NAP busy";
      case NO_LINE -> "No line";
      case NO_DOWNLOAD -> "No answer";
      case LINE_LOST -> "Line lost";
      case STORE_FAILED -> "Memory fault";
    };
    show(first, "retry in " + human(retryIn));
  }

  /** "45 s", "2 min", "2 h". */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return (s + 30) / 60 + " min";
    }
    return (s + 1800) / 3600 + " h";
  }

  private void show(String first, String second) {
    int width = display.geometry().columns();
    try {
      display.hideCursor();
      display.writeLine(0, fit(first, width));
      display.writeLine(1, fit(second, width));
    } catch (DisplayException e) {
      Logger.warn("LCD: {}", e.getMessage());
    }
  }

  private static String fit(String s, int width) {
    String t = s.length() > width ? s.substring(0, width) : s;
    return t + " ".repeat(width - t.length());
  }
}
