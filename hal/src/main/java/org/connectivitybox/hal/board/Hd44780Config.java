package org.connectivitybox.hal.board;

import java.util.Objects;
import org.connectivitybox.hal.display.DisplayGeometry;

/**
 * Where the LCD is and what size it is.
 *
 * @param bus the I2C bus number ({@code /dev/i2c-N}); default 1, the Raspberry Pi's header bus
 * @param address the backpack's 7-bit I2C address: 0x20–0x27 for a PCF8574, 0x38–0x3F for a
 *     PCF8574A; default 0x27 (all address jumpers open)
 * @param geometry the glass: {@link DisplayGeometry#LCD_16X2} (default) or {@link
 *     DisplayGeometry#LCD_20X4}
 */
public record Hd44780Config(int bus, int address, DisplayGeometry geometry) {

  /** Checks the bus and the address range of a PCF8574(A). */
  public Hd44780Config {
    Objects.requireNonNull(geometry, "geometry");
    if (bus < 0) {
      throw new IllegalArgumentException("I2C bus must be >= 0, not " + bus);
    }
    boolean pcf8574 = address >= 0x20 && address <= 0x27;
    boolean pcf8574a = address >= 0x38 && address <= 0x3F;
    if (!pcf8574 && !pcf8574a) {
      throw new IllegalArgumentException(
          String.format("I2C address 0x%02X is not a PCF8574 (0x20-0x27) or PCF8574A (0x38-0x3F)",
              address));
    }
  }

  /** Bus 1, address 0x27, 16×2. */
  public static Hd44780Config defaults() {
    return new Hd44780Config(1, 0x27, DisplayGeometry.LCD_16X2);
  }

  /** This configuration with another geometry. */
  public Hd44780Config withGeometry(DisplayGeometry newGeometry) {
    return new Hd44780Config(bus, address, newGeometry);
  }

  /** This configuration with another bus and address. */
  public Hd44780Config withDevice(int newBus, int newAddress) {
    return new Hd44780Config(newBus, newAddress, geometry);
  }

  @Override
  public String toString() {
    return String.format("%s LCD on I2C bus %d at 0x%02X", geometry, bus, address);
  }
}
