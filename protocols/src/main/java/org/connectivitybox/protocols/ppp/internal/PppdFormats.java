package org.connectivitybox.protocols.ppp.internal;

import java.util.regex.Pattern;

/** pppd 2.4.9's log line formats, as regular expressions (see PppdMessage). */
public final class PppdFormats {
  private static final String IP = "(" + Ipv4.DOTTED_QUAD + ")";
  public static final Pattern USING = Pattern.compile("Using interface (\\S+)");
  public static final Pattern CONNECT = Pattern.compile("Connect: (\\S+) <--> (\\S+)");
  public static final Pattern AUTH =
      Pattern.compile("(PAP|CHAP|EAP) authentication (succeeded|failed)(?:: .*)?");
  public static final Pattern REMOTE_MESSAGE = Pattern.compile("Remote message: (.*)");
  public static final Pattern LOCAL = Pattern.compile("local  IP address " + IP);
  public static final Pattern REMOTE = Pattern.compile("remote IP address " + IP);
  public static final Pattern DNS = Pattern.compile("(primary|secondary) +DNS address " + IP);
  public static final Pattern TERMINATED =
      Pattern.compile("(LCP|IPCP) terminated by peer(?: \\((.*)\\))?");
  public static final Pattern SIGNAL = Pattern.compile("Terminating on signal (\\d{1,2})\\.?");
  public static final Pattern CONNECT_TIME =
      Pattern.compile("Connect time (\\d{1,9})\\.(\\d) minutes\\.");
  public static final Pattern TRAFFIC =
      Pattern.compile("Sent (\\d{1,10}) bytes, received (\\d{1,10}) bytes\\.");
  public static final Pattern STARTED = Pattern.compile("pppd (\\S+) started by .*");

  private PppdFormats() {}
}
