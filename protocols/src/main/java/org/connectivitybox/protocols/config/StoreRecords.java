package org.connectivitybox.protocols.config;

/** Names and schema versions of the records the configuration entity keeps in the box's store. */
public final class StoreRecords {
  /** The pre-installed parameters 190, written by the factory. */
  public static final String PARAMETERS_190 = "params190";
  /** Schema version of the parameters 190 payload written by this code. */
  public static final int PARAMETERS_190_SCHEMA = 1;

  /** The parameters 191 downloaded in Phase II (until then, absent). */
  public static final String PARAMETERS_191 = "params191";
  /** Schema version of the parameters 191 payload written by this code. */
  public static final int PARAMETERS_191_SCHEMA = 1;

  private StoreRecords() {}
}
