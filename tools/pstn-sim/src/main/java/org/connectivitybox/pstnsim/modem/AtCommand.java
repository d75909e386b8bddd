package org.connectivitybox.pstnsim.modem;

/** One command of an AT command line, as {@link AtParser} splits it. Values, no behaviour. */
public sealed interface AtCommand {

  /** A basic command: a letter, or {@code &} and a letter, with an optional number (-1 if none). */
  record Basic(String name, int value) implements AtCommand {}

  /** {@code Sn=v}: sets S-register n. */
  record SetRegister(int register, int value) implements AtCommand {}

  /** {@code Sn?}: reports S-register n. */
  record QueryRegister(int register) implements AtCommand {}

  /**
   * An extended command ({@code +VCID=1}, {@code #CID=1}, {@code %CCID=1}, {@code +VDR?}).
   *
   * @param name upper case, with its prefix character
   * @param value the text after {@code =}, or null for a query or a bare command
   * @param query true for {@code name?}
   */
  record Extended(String name, String value, boolean query) implements AtCommand {}

  /** {@code D}: the rest of the line is the dial string. */
  record Dial(String dialString) implements AtCommand {}
}
