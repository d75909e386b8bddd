package org.connectivitybox.protocols.pstn;

import java.util.EnumSet;
import java.util.Set;

/**
 * The state of the modem as the driver knows it. Allowed transitions:
 *
 * <pre>
 *   COMMAND        → DIALLING (ATD), ANSWERING (ATA), CLOSED
 *   DIALLING       → ONLINE (CONNECT), COMMAND (refusal, abandoned, DTR drop), CLOSED
 *   ANSWERING      → ONLINE (CONNECT), COMMAND (NO CARRIER, abandoned, DTR drop), CLOSED
 *   ONLINE         → ONLINE_COMMAND (+++ answered OK), COMMAND (NO CARRIER, DCD off, DTR drop),
 *                    CLOSED
 *   ONLINE_COMMAND → COMMAND (ATH, NO CARRIER, DTR drop), CLOSED
 *   CLOSED         → (none)
 * </pre>
 */
public enum ModemState {
  /** Command mode, no call. */
  COMMAND,
  /** A dial command is out; waiting for CONNECT or a refusal. */
  DIALLING,
  /** ATA is out; waiting for CONNECT. */
  ANSWERING,
  /** Connected: the line carries the call's data. */
  ONLINE,
  /** Escaped from data with {@code +++}: command mode while the call is still up. */
  ONLINE_COMMAND,
  /** The driver is closed. */
  CLOSED;

  /** The states this one may change to. */
  Set<ModemState> next() {
    switch (this) {
      case COMMAND:
        return EnumSet.of(DIALLING, ANSWERING, CLOSED);
      case DIALLING:
      case ANSWERING:
        return EnumSet.of(ONLINE, COMMAND, CLOSED);
      case ONLINE:
        return EnumSet.of(ONLINE_COMMAND, COMMAND, CLOSED);
      case ONLINE_COMMAND:
        return EnumSet.of(COMMAND, CLOSED);
      default:
        return EnumSet.noneOf(ModemState.class);
    }
  }

  /** Whether a call is set up or being set up. */
  boolean inCall() {
    return this == DIALLING || this == ANSWERING || this == ONLINE || this == ONLINE_COMMAND;
  }
}
