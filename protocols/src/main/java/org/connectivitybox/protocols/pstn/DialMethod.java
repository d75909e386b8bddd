package org.connectivitybox.protocols.pstn;

/** How the modem dials: tone (DTMF, {@code ATDT}) or pulse ({@code ATDP}). */
public enum DialMethod {
  TONE('T'),
  PULSE('P');

  private final char modifier;

  DialMethod(char modifier) {
    this.modifier = modifier;
  }

  /** The dial modifier after {@code ATD}. */
  public char modifier() {
    return modifier;
  }
}
