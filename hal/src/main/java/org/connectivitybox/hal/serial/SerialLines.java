package org.connectivitybox.hal.serial;

/** Opens a serial line from its spec: a device path, or {@code tcp:HOST:PORT}. */
public final class SerialLines {
  /** The prefix of a simulator line spec. */
  public static final String TCP_PREFIX = "tcp:";

  private SerialLines() {}

  /**
   * Opens {@code spec}: {@code tcp:127.0.0.1:PORT} opens a {@link TcpSerialLine}, anything else is
   * a device path opened with {@link JSerialCommLine}.
   *
   * @throws SerialLineException NOT_FOUND, BUSY, PERMISSION or IO as the device or port answers
   * @throws IllegalArgumentException for a malformed {@code tcp:} spec
   */
  public static SerialLine open(String spec, SerialSettings settings) throws SerialLineException {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("serial line spec is missing");
    }
    if (spec.startsWith(TCP_PREFIX)) {
      return TcpSerialLine.open(spec, settings);
    }
    return JSerialCommLine.open(spec, settings);
  }

  /** Opens {@code spec} with {@link SerialSettings#DEFAULTS}. */
  public static SerialLine open(String spec) throws SerialLineException {
    return open(spec, SerialSettings.DEFAULTS);
  }
}
