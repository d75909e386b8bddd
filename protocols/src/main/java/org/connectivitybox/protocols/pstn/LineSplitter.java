package org.connectivitybox.protocols.pstn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits the modem's bytes into lines: CR or LF ends a line, empty lines are dropped, a partial
 * line waits for the next byte. A line longer than {@link #MAX_LINE} is dropped as garbage.
 * Not thread-safe: the driver's reader owns it.
 */
final class LineSplitter {
  /** Longest line kept; V.250 result codes and caller-ID lines are far shorter. */
  static final int MAX_LINE = 512;

  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean overlong;
  private boolean lastEndedWithCr;

  /** Takes one byte; returns the line it completes, or null. */
  String accept(byte b) {
    if (b == '\r' || b == '\n') {
      lastEndedWithCr = b == '\r';
      boolean drop = overlong || line.size() == 0;
      String text = line.toString(StandardCharsets.ISO_8859_1);
      line.reset();
      overlong = false;
      return drop ? null : text;
    }
    if (line.size() >= MAX_LINE) {
      overlong = true;
    } else {
      line.write(b);
    }
    return null;
  }

  /** Whether the last completed line ended with CR (an LF may still follow). */
  boolean lastEndedWithCr() {
    return lastEndedWithCr;
  }

  /** Forgets a partial line. */
  void reset() {
    line.reset();
    overlong = false;
  }
}
