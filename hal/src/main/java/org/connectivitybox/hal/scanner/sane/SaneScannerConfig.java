package org.connectivitybox.hal.scanner.sane;

import java.time.Duration;
import java.util.Objects;
import org.connectivitybox.hal.scanner.ColourMode;

/**
 * Which saned, which device, and how to scan.
 *
 * @param host saned's host; default {@code 127.0.0.1} (saned on the board itself)
 * @param port saned's control port; default 6566
 * @param device the SANE device name, e.g. {@code genesys:libusb:001:004} or {@code test}
 * @param dpi the resolution asked for; the device may round it, and the page says what it gave.
 *     Default 200, the specification's fine fax resolution
 * @param colourMode the mode asked for; default {@link ColourMode#BILEVEL}
 * @param feeder scan every sheet of the automatic document feeder rather than the flatbed
 * @param timeout limit for connecting and for each read from saned; default 60 s (a page can take
 *     a while to scan)
 */
public record SaneScannerConfig(
    String host, int port, String device, int dpi, ColourMode colourMode, boolean feeder,
    Duration timeout) {

  /** Checks ranges. */
  public SaneScannerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(colourMode, "colourMode");
    Objects.requireNonNull(timeout, "timeout");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
    }
    if (dpi < 1 || dpi > 9600) {
      throw new IllegalArgumentException("resolution must be 1 to 9600 dpi, not " + dpi);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** Device {@code device} on the local saned, with the defaults above, flatbed. */
  public static SaneScannerConfig of(String device) {
    return new SaneScannerConfig(
        "127.0.0.1", 6566, device, 200, ColourMode.BILEVEL, false, Duration.ofSeconds(60));
  }

  /** This configuration for a saned on another port. */
  public SaneScannerConfig withPort(int newPort) {
    return new SaneScannerConfig(host, newPort, device, dpi, colourMode, feeder, timeout);
  }

  /** This configuration with another resolution and colour mode. */
  public SaneScannerConfig withImage(int newDpi, ColourMode newMode) {
    return new SaneScannerConfig(host, port, device, newDpi, newMode, feeder, timeout);
  }

  /** This configuration scanning from the feeder ({@code true}) or the flatbed. */
  public SaneScannerConfig withFeeder(boolean useFeeder) {
    return new SaneScannerConfig(host, port, device, dpi, colourMode, useFeeder, timeout);
  }

  @Override
  public String toString() {
    return "SANE device " + device + " at " + host + ":" + port;
  }
}
