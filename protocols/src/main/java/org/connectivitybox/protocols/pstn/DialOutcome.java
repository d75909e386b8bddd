package org.connectivitybox.protocols.pstn;

import java.util.Objects;

/**
 * How a dial (or answer) ended: connected at a rate, or refused by the network or the modem.
 * Refusals are values, not exceptions; only link failures throw.
 */
public record DialOutcome(Kind kind, int rateBps) {

  /** The possible ends of a dial. */
  public enum Kind {
    CONNECTED,
    BUSY,
    NO_DIALTONE,
    NO_ANSWER,
    NO_CARRIER,
    DELAYED,
    BLACKLISTED,
    ERROR,
    /** No final result code within the dial timeout; the call was abandoned. */
    TIMEOUT
  }

  /** @throws IllegalArgumentException for a rate on anything but CONNECTED, or a negative rate */
  public DialOutcome {
    Objects.requireNonNull(kind, "kind");
    if (rateBps < 0 || (rateBps > 0 && kind != Kind.CONNECTED)) {
      throw new IllegalArgumentException("only CONNECTED carries a rate: " + kind + " " + rateBps);
    }
  }

  public static DialOutcome of(Kind kind) {
    return new DialOutcome(kind, 0);
  }

  /** The outcome a final result code gives; OK (a modem that ended the dial quietly) is ERROR. */
  public static DialOutcome of(ModemResult result) {
    switch (result.code()) {
      case CONNECT:
        return new DialOutcome(Kind.CONNECTED, result.rateBps());
      case BUSY:
        return of(Kind.BUSY);
      case NO_DIALTONE:
        return of(Kind.NO_DIALTONE);
      case NO_ANSWER:
        return of(Kind.NO_ANSWER);
      case NO_CARRIER:
        return of(Kind.NO_CARRIER);
      case DELAYED:
        return of(Kind.DELAYED);
      case BLACKLISTED:
        return of(Kind.BLACKLISTED);
      default:
        return of(Kind.ERROR);
    }
  }

  public boolean connected() {
    return kind == Kind.CONNECTED;
  }
}
