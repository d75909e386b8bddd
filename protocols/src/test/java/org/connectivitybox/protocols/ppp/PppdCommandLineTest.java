package org.connectivitybox.protocols.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PppdCommandLine and PppdSettings")
class PppdCommandLineTest {
  private static final PppdSettings DEFAULTS = PppdSettings.defaults(Path.of("/dev/ttyS1"));

  @Test
  void theDefaultsGiveThisExactArgumentList() {
    assertEquals(List.of("/usr/sbin/pppd", "/dev/ttyS1", "115200", "nodetach", "logfd", "2",
        "nopersist", "noauth", "noipdefault", "crtscts", "usepeerdns", "defaultroute",
        "lcp-echo-interval", "30", "lcp-echo-failure", "4", "ipparam", "connectivity-box",
        "user", "box-0001", "plugin", "passwordfd.so", "passwordfd", "0"),
        PppdCommandLine.of(DEFAULTS, "box-0001"));
  }

  @Test
  void everySettingShowsOnTheCommandLine() {
    PppdSettings s = PppdSettings.defaults(Path.of("/dev/ttyUSB0"))
        .withPppd(Path.of("/opt/ppp/sbin/pppd")).withSpeed(57600).withUsePeerDns(false)
        .withDefaultRoute(false).withHardwareFlowControl(false).withDebug(true)
        .withLcpEcho(10, 3).withIpparam("cb-config");

    assertEquals(List.of("/opt/ppp/sbin/pppd", "/dev/ttyUSB0", "57600", "nodetach", "logfd", "2",
        "nopersist", "noauth", "noipdefault", "nocrtscts", "nodefaultroute",
        "lcp-echo-interval", "10", "lcp-echo-failure", "3", "ipparam", "cb-config",
        "user", "SN123@config.example", "plugin", "passwordfd.so", "passwordfd", "0", "debug"),
        PppdCommandLine.of(s, "SN123@config.example"));
  }

  @Test
  void thePasswordIsNeverAnArgument() {
    Credentials c = new Credentials("box-0001", "s3cret-Pa55");
    List<String> args = PppdCommandLine.of(DEFAULTS, c.user());
    assertEquals(0, args.stream().filter(a -> a.contains(c.password())).count());
    assertEquals(0, args.stream().filter(a -> a.equals("password")).count());
  }

  @Test
  void malformedSettingsAreRefusedNamingTheField() {
    assertEquals("device must be an absolute path: ttyS1", assertThrows(
        IllegalArgumentException.class, () -> PppdSettings.defaults(Path.of("ttyS1")))
        .getMessage());
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withSpeed(33600));
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withPppd(Path.of("pppd")));
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withLcpEcho(-1, 4));
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withLcpEcho(30, 0));
    assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withIpparam("two words"));
    assertThrows(IllegalArgumentException.class, () -> new PppdSettings(DEFAULTS.pppd(),
        DEFAULTS.device(), 115200, true, true, true, 30, 4, "x", false, Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> PppdCommandLine.of(DEFAULTS, "a user"));
  }

  @Test
  void exitCodesAreNamedAndUnknownOnesKeptAsNumbers() {
    assertEquals(PppdExitCode.HANGUP, PppdExitCode.of(16));
    assertEquals(PppdExitCode.AUTH_TOPEER_FAILED, PppdExitCode.of(19));
    assertEquals("5 (USER_REQUEST)", PppdExitCode.describe(5));
    assertEquals("137", PppdExitCode.describe(137));
    for (PppdExitCode c : PppdExitCode.values()) {
      assertEquals(c, PppdExitCode.of(c.code()));
    }
  }
}
