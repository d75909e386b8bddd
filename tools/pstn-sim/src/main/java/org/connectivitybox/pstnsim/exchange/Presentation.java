package org.connectivitybox.pstnsim.exchange;

/** Whether the exchange discloses a line's number to the lines it calls. */
public enum Presentation {
  /** The number is sent ({@code NMBR = 5551001}). */
  AVAILABLE,
  /** The caller withheld it ({@code NMBR = P}). */
  WITHHELD,
  /** The network cannot give it ({@code NMBR = O}). */
  UNAVAILABLE
}
