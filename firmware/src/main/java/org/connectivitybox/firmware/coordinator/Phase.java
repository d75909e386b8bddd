package org.connectivitybox.firmware.coordinator;

/**
 * The box's operational phases of Figure 5 (they are not states of a protocol entity: the
 * connection manager and the send/receive manager keep those). A run starts in IDLE (90) and
 * returns to it with the line hung up on every path.
 */
public enum Phase {
  /** 90: nothing in progress, the line on hook, the CBS monitor listening. */
  IDLE,
  /** 92: dialling the NAP, bringing the link up, CONNECT. */
  CONNECTING,
  /** 93: SEND and its wait (sender), or waiting for a set-up and VERIFY (receiver). */
  SEND_VERIFY,
  /** 94: the data transfer. */
  TRANSFER,
  /** 95: final METERING. */
  METERING,
  /** 96: DISCONNECT, link down, hang up. */
  DISCONNECTING
}
