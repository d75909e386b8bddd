package org.connectivitybox.protocols.ppp;

import java.net.InetAddress;
import java.util.Objects;
import java.util.regex.Matcher;
import org.connectivitybox.protocols.ppp.internal.Ipv4;
import org.connectivitybox.protocols.ppp.internal.PppdFormats;

/**
 * One line pppd 2.4.9 logs (with {@code logfd 2}), as a typed value; {@link #parse} is pure.
 *
 * <p>The formats are pppd's own (main.c, ipcp.c, upap.c, lcp.c/fsm.c): {@code Using interface
 * ppp0}, {@code Connect: ppp0 <--> /dev/ttyS1}, {@code PAP authentication succeeded}, {@code
 * Remote message: ...}, {@code local  IP address 10.0.2.15} (two spaces), {@code remote IP address
 * 10.0.2.2}, {@code primary   DNS address ...} (three spaces), {@code secondary DNS address ...},
 * {@code LCP terminated by peer (reason)}, {@code Modem hangup}, {@code Connection terminated.},
 * {@code Connect time 0.3 minutes.}, {@code Sent 1234 bytes, received 5678 bytes.}, {@code
 * Terminating on signal 15}, {@code Exit.}. Any other line (warnings, debug packet dumps) is
 * {@link Other}: never an error.
 */
public sealed interface PppdMessage {

  /** {@code pppd 2.4.9 started by root, uid 0}. */
  record Started(String version) implements PppdMessage {}

  /** {@code Using interface ppp0}. */
  record UsingInterface(String name) implements PppdMessage {}

  /** {@code Connect: ppp0 <--> /dev/ttyS1}: LCP negotiation starts on the tty. */
  record Connected(String interfaceName, String device) implements PppdMessage {}

  /** {@code Remote message: Login incorrect}: the text of the peer's PAP reply. */
  record RemoteMessage(String text) implements PppdMessage {}

  /** {@code PAP authentication succeeded} / {@code CHAP authentication failed}. */
  record Authentication(String protocol, boolean succeeded) implements PppdMessage {}

  /** {@code local  IP address 10.0.2.15}: the box's address, from IPCP. */
  record LocalAddress(InetAddress address) implements PppdMessage {}

  /** {@code remote IP address 10.0.2.2}: the peer's address; IPCP is up. */
  record RemoteAddress(InetAddress address) implements PppdMessage {}

  /** {@code primary   DNS address 10.0.2.3} / {@code secondary DNS address ...}. */
  record DnsAddress(boolean primary, InetAddress address) implements PppdMessage {}

  /** {@code LCP terminated by peer (reason)}; reason null if the peer gave none. */
  record TerminatedByPeer(String protocol, String reason) implements PppdMessage {}

  /** {@code Modem hangup}: the tty reported hang-up (DCD dropped). */
  record ModemHangup() implements PppdMessage {}

  /** {@code Connection terminated.}. */
  record ConnectionTerminated() implements PppdMessage {}

  /** {@code Terminating on signal 15}. */
  record TerminatingOnSignal(int signal) implements PppdMessage {}

  /** {@code Connect time 0.3 minutes.}, in tenths of a minute. */
  record ConnectTime(int tenthsOfMinute) implements PppdMessage {}

  /** {@code Sent 1234 bytes, received 5678 bytes.}. */
  record Traffic(long sentBytes, long receivedBytes) implements PppdMessage {}

  /** {@code Exit.}: pppd is about to exit. */
  record Exit() implements PppdMessage {}

  /** Any other line, kept verbatim. */
  record Other(String line) implements PppdMessage {
    public Other {
      Objects.requireNonNull(line, "line");
    }
  }

  /** Parses one line of pppd's log output (without its newline). */
  static PppdMessage parse(String line) {
    Matcher m;
    if ((m = PppdFormats.USING.matcher(line)).matches()) {
      return new UsingInterface(m.group(1));
    } else if ((m = PppdFormats.CONNECT.matcher(line)).matches()) {
      return new Connected(m.group(1), m.group(2));
    } else if ((m = PppdFormats.AUTH.matcher(line)).matches()) {
      return new Authentication(m.group(1), m.group(2).equals("succeeded"));
    } else if ((m = PppdFormats.REMOTE_MESSAGE.matcher(line)).matches()) {
      return new RemoteMessage(m.group(1));
    } else if ((m = PppdFormats.LOCAL.matcher(line)).matches()) {
      return new LocalAddress(Ipv4.parse(m.group(1)));
    } else if ((m = PppdFormats.REMOTE.matcher(line)).matches()) {
      return new RemoteAddress(Ipv4.parse(m.group(1)));
    } else if ((m = PppdFormats.DNS.matcher(line)).matches()) {
      return new DnsAddress(m.group(1).equals("primary"), Ipv4.parse(m.group(2)));
    } else if ((m = PppdFormats.TERMINATED.matcher(line)).matches()) {
      return new TerminatedByPeer(m.group(1), m.group(2));
    } else if (line.equals("Modem hangup")) {
      return new ModemHangup();
    } else if (line.equals("Connection terminated.")) {
      return new ConnectionTerminated();
    } else if ((m = PppdFormats.SIGNAL.matcher(line)).matches()) {
      return new TerminatingOnSignal(Integer.parseInt(m.group(1)));
    } else if ((m = PppdFormats.CONNECT_TIME.matcher(line)).matches()) {
      return new ConnectTime(Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2)));
    } else if ((m = PppdFormats.TRAFFIC.matcher(line)).matches()) {
      return new Traffic(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    } else if (line.equals("Exit.")) {
      return new Exit();
    } else if ((m = PppdFormats.STARTED.matcher(line)).matches()) {
      return new Started(m.group(1));
    }
    return new Other(line);
  }
}
