package org.connectivitybox.loadgen;

/**
 * Bytes that crossed a box's TCP connections: TLS records, headers included, in each direction
 * (TCP/IP and PPP framing are not included).
 *
 * @param sent written by the box
 * @param received read by the box
 */
public record WireBytes(long sent, long received) {
  public static final WireBytes ZERO = new WireBytes(0, 0);

  public WireBytes {
    if (sent < 0 || received < 0) {
      throw new IllegalArgumentException("byte counts are not negative: " + sent + ", "
          + received);
    }
  }

  /** Both directions together. */
  public long total() {
    return sent + received;
  }

  /** What was counted between {@code earlier} and this. */
  public WireBytes minus(WireBytes earlier) {
    return new WireBytes(sent - earlier.sent, received - earlier.received);
  }

  public WireBytes plus(WireBytes other) {
    return new WireBytes(sent + other.sent, received + other.received);
  }
}
