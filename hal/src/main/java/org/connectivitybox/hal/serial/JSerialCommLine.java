package org.connectivitybox.hal.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.connectivitybox.hal.serial.SerialLineException.Kind;

/**
 * A serial device ({@code /dev/ttyUSB*}, {@code /dev/ttyACM*}, a pseudo-terminal) opened with
 * jSerialComm, 8N1, with an exclusive lock.
 *
 * <p>Pseudo-terminals (the path resolves under {@code /dev/pts/}) have no modem-status lines:
 * {@link #status()} reports UNKNOWN, {@link #setRts} is ignored and {@link #setDtr} fails with IO.
 */
public final class JSerialCommLine implements SerialLine {
  private static final int ENOENT = 2;
  private static final int EACCES = 13;
  private static final int EAGAIN = 11;
  private static final int EBUSY = 16;

  private final String name;
  private final SerialPort port;
  private final boolean pseudoTerminal;
  private volatile boolean open = true;
  private int readTimeoutMs = -1;

  private JSerialCommLine(String name, SerialPort port, boolean pseudoTerminal) {
    this.name = name;
    this.port = port;
    this.pseudoTerminal = pseudoTerminal;
  }

  /**
   * Opens the device at {@code path} with {@code settings}.
   *
   * @throws SerialLineException NOT_FOUND if there is no such device, PERMISSION if it may not be
   *     opened, BUSY if another process holds it, IO if it refuses the settings
   */
  public static JSerialCommLine open(String path, SerialSettings settings)
      throws SerialLineException {
    Path device = Path.of(path);
    if (!Files.exists(device)) {
      throw new SerialLineException(Kind.NOT_FOUND, "no serial device at " + path);
    }
    if (!Files.isReadable(device) || !Files.isWritable(device)) {
      throw new SerialLineException(Kind.PERMISSION, "no permission to open " + path);
    }
    boolean pty;
    try {
      pty = device.toRealPath().toString().startsWith("/dev/pts/");
    } catch (IOException e) {
      throw new SerialLineException(Kind.NOT_FOUND, "no serial device at " + path, e);
    }
    SerialPort port;
    try {
      port = SerialPort.getCommPort(path);
    } catch (SerialPortInvalidPortException e) {
      throw new SerialLineException(Kind.NOT_FOUND, "not a serial device: " + path, e);
    }
    port.setComPortParameters(settings.baud(), 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
    port.setFlowControl(settings.flowControl() == SerialSettings.FlowControl.RTS_CTS
        ? SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED
        : SerialPort.FLOW_CONTROL_DISABLED);
    if (!port.openPort()) {
      int errno = port.getLastErrorCode();
      Kind kind = kindOf(errno);
      if (kind == Kind.NOT_FOUND && Files.exists(device)) {
        // jSerialComm 2.11.2 reports its exclusive-lock conflict as errno 2 (checked on a pty).
        kind = Kind.BUSY;
      }
      throw new SerialLineException(kind, "cannot open " + path + " (errno " + errno
          + " at jSerialComm line " + port.getLastErrorLocation() + ")");
    }
    return new JSerialCommLine(path, port, pty);
  }

  private static Kind kindOf(int errno) {
    switch (errno) {
      case ENOENT:
        return Kind.NOT_FOUND;
      case EACCES:
        return Kind.PERMISSION;
      case EAGAIN:
      case EBUSY:
        return Kind.BUSY;
      default:
        return Kind.IO;
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void write(byte[] bytes) throws SerialLineException {
    checkOpen();
    int done = 0;
    while (done < bytes.length) {
      int n = port.writeBytes(bytes, bytes.length - done, done);
      if (n < 0) {
        checkOpen();
        throw new SerialLineException(Kind.IO, "write to " + name + " failed (errno "
            + port.getLastErrorCode() + ")");
      }
      done += n;
    }
  }

  @Override
  public ReadResult read(int maxBytes, Duration timeout) throws SerialLineException {
    checkOpen();
    int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    synchronized (this) {
      if (ms != readTimeoutMs) {
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, ms, 0);
        readTimeoutMs = ms;
      }
    }
    byte[] buffer = new byte[maxBytes];
    int n = port.readBytes(buffer, maxBytes);
    if (n < 0) {
      checkOpen();
      throw new SerialLineException(pseudoTerminal ? Kind.CLOSED : Kind.IO,
          "read from " + name + " failed (errno " + port.getLastErrorCode() + ")");
    }
    if (n == 0) {
      return new ReadResult.TimedOut(timeout);
    }
    return new ReadResult.Data(Arrays.copyOf(buffer, n));
  }

  @Override
  public ModemStatus status() throws SerialLineException {
    checkOpen();
    if (pseudoTerminal) {
      return ModemStatus.UNKNOWN;
    }
    return new ModemStatus(LineState.of(port.getDCD()), LineState.of(port.getRI()),
        LineState.of(port.getDSR()), LineState.of(port.getCTS()));
  }

  @Override
  public void setDtr(boolean on) throws SerialLineException {
    checkOpen();
    if (pseudoTerminal) {
      throw new SerialLineException(Kind.IO, name + " is a pseudo-terminal: it has no DTR line");
    }
    if (!(on ? port.setDTR() : port.clearDTR())) {
      throw new SerialLineException(Kind.IO, "cannot set DTR on " + name);
    }
  }

  @Override
  public void setRts(boolean on) throws SerialLineException {
    checkOpen();
    if (pseudoTerminal) {
      return;
    }
    if (!(on ? port.setRTS() : port.clearRTS())) {
      throw new SerialLineException(Kind.IO, "cannot set RTS on " + name);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      port.closePort();
    }
  }

  private void checkOpen() throws SerialLineException {
    if (!open) {
      throw new SerialLineException(Kind.CLOSED, name + " is closed");
    }
  }
}
