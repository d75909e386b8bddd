package org.connectivitybox.hal.serial;

import java.util.Objects;

/**
 * The modem-status lines as read at one moment.
 *
 * @param dcd data carrier detect (with {@code &C1}: a call is connected)
 * @param ri ring indicator
 * @param dsr data set ready
 * @param cts clear to send
 */
public record ModemStatus(LineState dcd, LineState ri, LineState dsr, LineState cts) {

  /** All four lines unknown: pseudo-terminals and TCP lines. */
  public static final ModemStatus UNKNOWN =
      new ModemStatus(LineState.UNKNOWN, LineState.UNKNOWN, LineState.UNKNOWN, LineState.UNKNOWN);

  public ModemStatus {
    Objects.requireNonNull(dcd, "dcd");
    Objects.requireNonNull(ri, "ri");
    Objects.requireNonNull(dsr, "dsr");
    Objects.requireNonNull(cts, "cts");
  }
}
