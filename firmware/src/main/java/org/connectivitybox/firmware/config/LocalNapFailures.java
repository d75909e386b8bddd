package org.connectivitybox.firmware.config;

/**
 * Counts the box's failed attempts in a row to reach the CSS through its local NAP; after {@link
 * #DEFAULT_LIMIT} of them the box runs Phase II through the configuration NAP by itself (its
 * local NAP login or the CSS's address may have changed under it). The coordinator feeds it.
 * Thread-safe.
 */
public final class LocalNapFailures {
  /** Five failures in a row. */
  public static final int DEFAULT_LIMIT = 5;

  private final int limit;
  private int inARow;

  public LocalNapFailures() {
    this(DEFAULT_LIMIT);
  }

  public LocalNapFailures(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
    this.limit = limit;
  }

  /**
   * One more failure; true when it is the limit-th in a row (then the count starts over): run
   * {@link Configurator.Mode#CONFIG_NAP} now.
   */
  public synchronized boolean failed() {
    inARow++;
    if (inARow >= limit) {
      inARow = 0;
      return true;
    }
    return false;
  }

  /** The CSS was reached: the count starts over. */
  public synchronized void succeeded() {
    inARow = 0;
  }

  /** Failures in a row so far. */
  public synchronized int inARow() {
    return inARow;
  }
}
