package org.connectivitybox.pstnsim.modem;

/**
 * The modem's result codes, verbose and numeric (docs/pstn.md §2). Numeric codes above 8 are
 * Conexant's; {@code CONNECT} is numeric 1 whatever the rate.
 */
public enum ResultCode {
  OK("OK", 0),
  CONNECT("CONNECT", 1),
  RING("RING", 2),
  NO_CARRIER("NO CARRIER", 3),
  ERROR("ERROR", 4),
  NO_DIALTONE("NO DIALTONE", 6),
  BUSY("BUSY", 7),
  NO_ANSWER("NO ANSWER", 8),
  DELAYED("DELAYED", 88),
  BLACKLISTED("BLACKLISTED", 89);

  private final String verbose;
  private final int numeric;

  ResultCode(String verbose, int numeric) {
    this.verbose = verbose;
    this.numeric = numeric;
  }

  /** The text of {@code ATV1}. */
  public String verbose() {
    return verbose;
  }

  /** The number of {@code ATV0}. */
  public int numeric() {
    return numeric;
  }
}
