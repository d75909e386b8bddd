package org.connectivitybox.pstnsim.exchange;

/** How a call attempt ended, for the call log: the operator's view of what was charged. */
public enum CallOutcome {
  /** Answered; the call log has its duration and bytes. */
  ANSWERED,
  /** The called line was busy (off hook, in a call, all NAP ports in use). */
  BUSY,
  /** The called line rang until the caller's S7 expired. */
  NO_ANSWER,
  /** The caller gave up while it rang. */
  ABANDONED,
  /** The calling line is dead. */
  NO_DIALTONE,
  /** No such number, or the called line is dead. */
  UNOBTAINABLE,
  /** Call barring: dialled too often without success, try later. */
  DELAYED,
  /** Call barring: dialled too often without success, refused for good. */
  BLACKLISTED
}
