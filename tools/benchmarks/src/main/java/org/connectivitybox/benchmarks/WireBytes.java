package org.connectivitybox.benchmarks;

/**
 * Bytes that crossed the wire in each direction, as seen by the client: {@code sent} is client to
 * server, {@code received} server to client.
 */
public record WireBytes(long sent, long received) {
  /** @throws IllegalArgumentException if a count is negative */
  public WireBytes {
    if (sent < 0 || received < 0) {
      throw new IllegalArgumentException("byte counts must be >= 0: " + sent + "/" + received);
    }
  }

  public static final WireBytes NONE = new WireBytes(0, 0);

  /** Both directions together. */
  public long total() {
    return sent + received;
  }

  public WireBytes plus(WireBytes o) {
    return new WireBytes(sent + o.sent, received + o.received);
  }

  /** The difference; the result must not be negative (counts only grow). */
  public WireBytes minus(WireBytes o) {
    return new WireBytes(sent - o.sent, received - o.received);
  }

  @Override
  public String toString() {
    return sent + " B up, " + received + " B down";
  }
}
