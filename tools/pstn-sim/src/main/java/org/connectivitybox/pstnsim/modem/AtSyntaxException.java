package org.connectivitybox.pstnsim.modem;

/** A command line the modem cannot parse; it answers ERROR and runs none of it. */
public final class AtSyntaxException extends Exception {
  public AtSyntaxException(String message) {
    super(message);
  }
}
