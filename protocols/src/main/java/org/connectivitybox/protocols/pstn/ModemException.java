package org.connectivitybox.protocols.pstn;

import java.io.IOException;
import java.util.Optional;

/**
 * The modem link failed: a command was answered with an error code, not answered in time, or
 * the serial line broke. The result code is given when the modem sent one.
 */
public class ModemException extends IOException {
  private final ResultCode resultCode;
  private final boolean timedOut;

  private ModemException(String message, ResultCode resultCode, boolean timedOut,
      Throwable cause) {
    super(message, cause);
    this.resultCode = resultCode;
    this.timedOut = timedOut;
  }

  /** The modem answered {@code command} with {@code code} where OK was needed. */
  public static ModemException answered(String command, ModemResult result) {
    return new ModemException(command + " answered " + result, result.code(), false, null);
  }

  /** The modem did not answer {@code command} in time. */
  public static ModemException noAnswer(String command, java.time.Duration timeout) {
    return new ModemException("no answer to " + command + " in " + timeout.toMillis() + " ms",
        null, true, null);
  }

  /** The serial line failed. */
  public static ModemException lineFailed(String what, IOException cause) {
    return new ModemException(what + ": " + cause.getMessage(), null, false, cause);
  }

  /** The result code the modem sent, if any. */
  public Optional<ResultCode> resultCode() {
    return Optional.ofNullable(resultCode);
  }

  /** Whether the modem did not answer in time. */
  public boolean timedOut() {
    return timedOut;
  }
}
