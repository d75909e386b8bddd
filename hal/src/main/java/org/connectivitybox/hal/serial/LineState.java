package org.connectivitybox.hal.serial;

/** The level of one modem-status line, or UNKNOWN where the line cannot report it. */
public enum LineState {
  ON,
  OFF,
  UNKNOWN;

  /** ON for true, OFF for false. */
  public static LineState of(boolean on) {
    return on ? ON : OFF;
  }
}
