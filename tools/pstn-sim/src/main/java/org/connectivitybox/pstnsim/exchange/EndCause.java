package org.connectivitybox.pstnsim.exchange;

/** Why a call ended, as the exchange saw it. */
public enum EndCause {
  /** The caller hung up (ATH, DTR drop, LOGOUT) after the call was answered. */
  CALLER_HUNG_UP,
  /** The called side hung up after answering. */
  CALLEE_HUNG_UP,
  /** Carrier was dropped on demand (control API) or a line in the call was marked dead. */
  CARRIER_LOST,
  /** Nobody answered before the caller's S7 expired. */
  NO_ANSWER,
  /** The caller gave up while the callee was ringing. */
  ABANDONED,
  /** The simulator shut down. */
  SHUTDOWN
}
