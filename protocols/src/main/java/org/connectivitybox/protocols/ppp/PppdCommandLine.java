package org.connectivitybox.protocols.ppp;

import java.util.ArrayList;
import java.util.List;

/**
 * The pppd command line for a call: a pure function of the settings and the user name.
 *
 * <p>The password is never on it ({@code ps} shows every process's arguments to every user).
 * pppd gets it from its standard input through the {@code passwordfd.so} plugin shipped with
 * Debian's ppp package ({@code plugin passwordfd.so passwordfd 0}): the plugin reads the fd to its
 * end at the first PAP (or CHAP) request and closes it. This is chosen over a 0600 pap-secrets or
 * options file because no secret is written to the SD card (nothing to clean up after a crash or a
 * power cut, nothing for a backup to copy), and because standard input is the one descriptor Java
 * can hand a child without native code. fd 0 is free: the tty is named on the command line, so
 * pppd does not use its standard input as the line.
 *
 * <p>{@code nodetach} keeps pppd our child so that its exit status tells how the link ended;
 * {@code logfd 2} puts its messages on standard error, which the launcher merges into the output
 * {@link PppdLink} parses; {@code nopersist} makes it exit when the call ends (the box redials,
 * not pppd); {@code noauth} because the NAP does not authenticate itself to us; {@code
 * noipdefault} so that the NAP assigns our address.
 */
public final class PppdCommandLine {
  private PppdCommandLine() {}

  /** The argument list, program first, for logging in as {@code user}. */
  public static List<String> of(PppdSettings s, String user) {
    if (user == null || !user.matches("[\\x21-\\x7e]{1,128}")) {
      throw new IllegalArgumentException("malformed user name: '" + user + "'");
    }
    List<String> a = new ArrayList<>();
    a.add(s.pppd().toString());
    a.add(s.device().toString());
    a.add(Integer.toString(s.speed()));
    a.add("nodetach");
    a.add("logfd");
    a.add("2");
    a.add("nopersist");
    a.add("noauth");
    a.add("noipdefault");
    a.add(s.hardwareFlowControl() ? "crtscts" : "nocrtscts");
    if (s.usePeerDns()) {
      a.add("usepeerdns");
    }
    a.add(s.defaultRoute() ? "defaultroute" : "nodefaultroute");
    a.add("lcp-echo-interval");
    a.add(Integer.toString(s.lcpEchoInterval()));
    a.add("lcp-echo-failure");
    a.add(Integer.toString(s.lcpEchoFailure()));
    a.add("ipparam");
    a.add(s.ipparam());
    a.add("user");
    a.add(user);
    a.add("plugin");
    a.add("passwordfd.so");
    a.add("passwordfd");
    a.add("0");
    if (s.debug()) {
      a.add("debug");
    }
    return List.copyOf(a);
  }
}
