package org.connectivitybox.protocols.ppp.internal;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.ppp.Credentials;
import org.connectivitybox.protocols.ppp.NapProtocolException;

/**
 * The lines of docs/pstn.md section 3 as values: pure parsing of the NAP's lines and encoding of
 * the box's, with no streams or clocks.
 *
 * <p>Strict: upper-case keywords, single spaces, dotted-quad IPv4 addresses; a malformed line is a
 * {@link NapProtocolException} that quotes it.
 */
public final class NapCodec {
  private static final String TOKEN = "[\\x21-\\x7e]{1,64}";
  private static final String IPV4 = Ipv4.DOTTED_QUAD;
  private static final Pattern READY = Pattern.compile("NAP (" + TOKEN + ") READY");
  private static final Pattern ADDRESS = Pattern.compile("ADDRESS (" + IPV4 + ") (" + IPV4 + ")");
  private static final Pattern REJECTED = Pattern.compile("REJECTED ([\\x20-\\x7e]{1,200})");

  /** What the NAP says. */
  public sealed interface NapLine {}

  /** {@code NAP <name> READY}: the NAP waits for the login. */
  public record Ready(String napName) implements NapLine {}

  /** {@code ADDRESS <box> <peer>}: the login is accepted. */
  public record Address(InetAddress box, InetAddress peer) implements NapLine {}

  /** {@code REJECTED <reason>}: the login is refused and the NAP hangs up. */
  public record Rejected(String reason) implements NapLine {}

  /** {@code NO CARRIER} from a driver that passes the modem's result code into the data. */
  public record NoCarrier() implements NapLine {}

  private NapCodec() {}

  /** Parses one line (without its terminator). */
  public static NapLine parse(String line) throws NapProtocolException {
    Matcher m = READY.matcher(line);
    if (m.matches()) {
      return new Ready(m.group(1));
    }
    m = ADDRESS.matcher(line);
    if (m.matches()) {
      return new Address(ipv4(m.group(1)), ipv4(m.group(2)));
    }
    m = REJECTED.matcher(line);
    if (m.matches()) {
      return new Rejected(m.group(1));
    }
    if (line.equals("NO CARRIER")) {
      return new NoCarrier();
    }
    throw new NapProtocolException("malformed line from the NAP: '" + quote(line)
        + "' (expected 'NAP <name> READY', 'ADDRESS <box> <peer>' or 'REJECTED <reason>')");
  }

  /** {@code LOGIN <user> <password>} CR LF, as bytes; the caller must not log them. */
  public static byte[] login(Credentials c) {
    return ("LOGIN " + c.user() + " " + c.password() + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code LOGOUT} CR LF. */
  public static byte[] logout() {
    return "LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII);
  }

  /** The box address must be on loopback: the box binds its sockets to it. */
  public static boolean isLoopback127(InetAddress a) {
    return a.getAddress().length == 4 && (a.getAddress()[0] & 0xff) == 127;
  }

  /** A received line, shortened to 80 characters for a message. */
  static String quote(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static InetAddress ipv4(String dotted) {
    return Ipv4.parse(dotted); // the pattern has checked it
  }
}
