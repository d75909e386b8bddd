package org.connectivitybox.protocols.ppp.internal;

import java.io.IOException;
import java.io.InputStream;
import org.connectivitybox.protocols.ppp.NapProtocolException;

/**
 * Reads the NAP's lines from the call's data channel: ends a line at CR LF, LF or a lone CR, skips
 * blank lines, and refuses anything but printable ASCII.
 *
 * <p>Not buffered beyond one byte, so nothing is read past the line returned. A line longer than
 * {@link #MAX_LINE} characters or a control character is a {@link NapProtocolException}.
 */
public final class NapLineReader {
  /** The longest line accepted; the longest valid line (two addresses, a reason) is far shorter. */
  public static final int MAX_LINE = 256;

  private final InputStream in;
  private boolean afterCr;

  public NapLineReader(InputStream in) {
    this.in = in;
  }

  /** The next non-blank line without its terminator, or null at end of stream (carrier lost). */
  public String next() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return null; // a partial line at end of stream is lost with the carrier
      }
      boolean wasCr = afterCr;
      afterCr = b == '\r';
      if (b == '\n' && wasCr) {
        continue;
      }
      if (b == '\r' || b == '\n') {
        if (line.length() > 0) {
          return line.toString();
        }
        continue;
      }
      if (b < 0x20 || b > 0x7e) {
        throw new NapProtocolException(String.format(
            "byte 0x%02x is not printable ASCII, after '%s'", b, NapCodec.quote(line.toString())));
      }
      if (line.length() == MAX_LINE) {
        throw new NapProtocolException("line longer than " + MAX_LINE + " characters: '"
            + NapCodec.quote(line.substring(0, 40)) + "...'");
      }
      line.append((char) b);
    }
  }
}
