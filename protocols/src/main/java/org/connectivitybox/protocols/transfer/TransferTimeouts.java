package org.connectivitybox.protocols.transfer;

import java.time.Duration;

/**
 * The timeouts of one transfer connection, on either side.
 *
 * @param connect how long the sender waits for the TCP connection (sender only)
 * @param frame read-idle timeout: the longest wait for the next frame (and for the TLS
 *     handshake); the receiver's VERIFY round trip must fit in it, and a queued receiver sends
 *     WAIT three times per period
 * @param overall the longest a connection may last, handshake to close, whatever it does
 */
public record TransferTimeouts(Duration connect, Duration frame, Duration overall) {
  /** Connect 30 s, frame 60 s, overall 2 hours (a 999-page colour job at 33.6 kbps). */
  public static final TransferTimeouts DEFAULTS =
      new TransferTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofHours(2));

  /** @throws IllegalArgumentException if a timeout is not positive or the frame one exceeds 24 days */
  public TransferTimeouts {
    for (Duration d : new Duration[] {connect, frame, overall}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("transfer timeouts must be positive: " + d);
      }
    }
    if (frame.toMillis() > Integer.MAX_VALUE || connect.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("connect and frame timeouts must be below 24 days");
    }
  }

  int frameMillis() {
    return (int) Math.max(1, frame.toMillis());
  }
}
