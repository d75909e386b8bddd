package org.connectivitybox.hal.serial;

import java.time.Duration;
import java.util.Objects;

/**
 * How to open a line: baud rate (default 115200, 8N1 always), flow control (default none) and the
 * TCP connect timeout for simulator lines (default 5 s).
 */
public record SerialSettings(int baud, FlowControl flowControl, Duration connectTimeout) {

  /** Hardware flow control or none. */
  public enum FlowControl {
    NONE,
    RTS_CTS
  }

  /** 115200 baud, no flow control, 5 s TCP connect timeout. */
  public static final SerialSettings DEFAULTS =
      new SerialSettings(115_200, FlowControl.NONE, Duration.ofSeconds(5));

  /** @throws IllegalArgumentException for a baud rate outside 300..4000000 or a non-positive timeout */
  public SerialSettings {
    Objects.requireNonNull(flowControl, "flowControl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    if (baud < 300 || baud > 4_000_000) {
      throw new IllegalArgumentException("baud rate must be between 300 and 4000000: " + baud);
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
    }
  }

  public SerialSettings withBaud(int baud) {
    return new SerialSettings(baud, flowControl, connectTimeout);
  }

  public SerialSettings withFlowControl(FlowControl flowControl) {
    return new SerialSettings(baud, flowControl, connectTimeout);
  }
}
