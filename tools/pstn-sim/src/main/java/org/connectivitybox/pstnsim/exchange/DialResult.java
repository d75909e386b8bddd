package org.connectivitybox.pstnsim.exchange;

/** What the exchange did with a dialled number: a ringing call, or a refusal at once. */
public sealed interface DialResult {
  /** The called line is ringing; the call's events will follow. */
  record Ringing(Call call) implements DialResult {}

  /** Refused before ringing: BUSY, NO_DIALTONE, UNOBTAINABLE, DELAYED or BLACKLISTED. */
  record Refused(CallOutcome outcome) implements DialResult {}
}
