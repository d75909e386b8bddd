package org.connectivitybox.protocols.pstn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Finds the modem's {@code CR LF NO CARRIER CR} in a call's data stream: bytes that might start
 * it are held back until they turn out to be data (or {@link #flush()} on a quiet line), so the
 * report never reaches the call's reader. Not thread-safe: the driver's reader owns it.
 */
final class CarrierWatch {
  private static final byte[] NO_CARRIER = "\r\nNO CARRIER\r".getBytes(StandardCharsets.US_ASCII);

  private final byte[] held = new byte[NO_CARRIER.length];
  private int heldCount;

  /**
   * Takes one data byte; bytes that are certainly data go to {@code data}.
   *
   * @return true when the byte completes NO CARRIER (the held bytes are then dropped)
   */
  boolean accept(byte b, ByteArrayOutputStream data) {
    held[heldCount++] = b;
    while (heldCount > 0 && !isPrefix()) {
      data.write(held[0]);
      System.arraycopy(held, 1, held, 0, --heldCount);
    }
    if (heldCount == NO_CARRIER.length) {
      heldCount = 0;
      return true;
    }
    return false;
  }

  /** Releases held bytes as data: the line went quiet, so they were no report. */
  void flush(ByteArrayOutputStream data) {
    data.write(held, 0, heldCount);
    heldCount = 0;
  }

  private boolean isPrefix() {
    for (int i = 0; i < heldCount; i++) {
      if (held[i] != NO_CARRIER[i]) {
        return false;
      }
    }
    return true;
  }
}
