package org.connectivitybox.protocols.pstn;

/** How a wakeup call ended, as the call-back signalling server reports it. */
public enum WakeupOutcome {
  /** The line rang for the wanted number of ring cycles and the call was abandoned unanswered. */
  RANG,
  /** The callee answered (it should not): the call was hung up at once. */
  ANSWERED,
  BUSY,
  NO_DIALTONE,
  /** ETSI call barring: too many recent attempts; try later. */
  DELAYED,
  /** ETSI call barring: the number may not be dialled any more. */
  BLACKLISTED,
  /** The modem answered ERROR, did not answer, or the line failed. */
  NO_LINE
}
