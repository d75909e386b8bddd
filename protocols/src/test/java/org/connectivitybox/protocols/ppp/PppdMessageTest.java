package org.connectivitybox.protocols.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each kind of line pppd 2.4.9 logs with {@code logfd 2}, as captured from real sessions. */
@DisplayName("PppdMessage.parse")
class PppdMessageTest {

  private static InetAddress ip(String s) throws UnknownHostException {
    return InetAddress.getByName(s);
  }

  @Test
  void startAndInterface() {
    assertEquals(new PppdMessage.Started("2.4.9"),
        PppdMessage.parse("pppd 2.4.9 started by root, uid 0"));
    assertEquals(new PppdMessage.UsingInterface("ppp0"),
        PppdMessage.parse("Using interface ppp0"));
    assertEquals(new PppdMessage.Connected("ppp0", "/dev/ttyS1"),
        PppdMessage.parse("Connect: ppp0 <--> /dev/ttyS1"));
  }

  @Test
  void authentication() {
    assertEquals(new PppdMessage.Authentication("PAP", true),
        PppdMessage.parse("PAP authentication succeeded"));
    assertEquals(new PppdMessage.Authentication("PAP", false),
        PppdMessage.parse("PAP authentication failed"));
    assertEquals(new PppdMessage.Authentication("CHAP", false),
        PppdMessage.parse("CHAP authentication failed: E=691 Authentication failure"));
    assertEquals(new PppdMessage.RemoteMessage("Login incorrect"),
        PppdMessage.parse("Remote message: Login incorrect"));
  }

  @Test
  void addressesWithPppdsOwnSpacing() throws Exception {
    assertEquals(new PppdMessage.LocalAddress(ip("10.0.2.15")),
        PppdMessage.parse("local  IP address 10.0.2.15"));
    assertEquals(new PppdMessage.RemoteAddress(ip("10.0.2.2")),
        PppdMessage.parse("remote IP address 10.0.2.2"));
    assertEquals(new PppdMessage.DnsAddress(true, ip("10.0.2.3")),
        PppdMessage.parse("primary   DNS address 10.0.2.3"));
    assertEquals(new PppdMessage.DnsAddress(false, ip("192.168.1.1")),
        PppdMessage.parse("secondary DNS address 192.168.1.1"));
    assertEquals(new PppdMessage.Other("local IP address 10.0.2.15"),
        PppdMessage.parse("local IP address 10.0.2.15"), "one space is not pppd's format");
    assertEquals(new PppdMessage.Other("remote IP address 10.0.2.256"),
        PppdMessage.parse("remote IP address 10.0.2.256"));
  }

  @Test
  void termination() {
    assertEquals(new PppdMessage.TerminatedByPeer("LCP", null),
        PppdMessage.parse("LCP terminated by peer"));
    assertEquals(new PppdMessage.TerminatedByPeer("LCP", "peer refused to authenticate"),
        PppdMessage.parse("LCP terminated by peer (peer refused to authenticate)"));
    assertEquals(new PppdMessage.TerminatedByPeer("IPCP", null),
        PppdMessage.parse("IPCP terminated by peer"));
    assertEquals(new PppdMessage.ModemHangup(), PppdMessage.parse("Modem hangup"));
    assertEquals(new PppdMessage.ConnectionTerminated(),
        PppdMessage.parse("Connection terminated."));
    assertEquals(new PppdMessage.TerminatingOnSignal(15),
        PppdMessage.parse("Terminating on signal 15"));
    assertEquals(new PppdMessage.Exit(), PppdMessage.parse("Exit."));
  }

  @Test
  void statistics() {
    assertEquals(new PppdMessage.ConnectTime(3), PppdMessage.parse("Connect time 0.3 minutes."));
    assertEquals(new PppdMessage.ConnectTime(24), PppdMessage.parse("Connect time 2.4 minutes."));
    assertEquals(new PppdMessage.Traffic(1234, 5678),
        PppdMessage.parse("Sent 1234 bytes, received 5678 bytes."));
    assertEquals(new PppdMessage.Traffic(4294967295L, 0),
        PppdMessage.parse("Sent 4294967295 bytes, received 0 bytes."));
  }

  @Test
  void anythingElseIsKeptVerbatim() {
    String dump = "sent [LCP ConfReq id=0x1 <asyncmap 0x0> <magic 0x5f2b9a1c> <pcomp> <accomp>]";
    assertEquals(new PppdMessage.Other(dump), PppdMessage.parse(dump));
    assertEquals(new PppdMessage.Other(""), PppdMessage.parse(""));
  }
}
