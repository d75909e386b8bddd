package org.connectivitybox.protocols.ppp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the board runs pppd on the modem's tty: the inputs of {@link PppdCommandLine}, validated.
 *
 * @param pppd the pppd binary (default {@code /usr/sbin/pppd})
 * @param device the modem's tty, absolute ({@code /dev/ttyUSB0}, {@code /dev/ttyS1})
 * @param speed the tty's speed in bit/s (default 115200)
 * @param hardwareFlowControl RTS/CTS ({@code crtscts}; default true) or none ({@code nocrtscts})
 * @param usePeerDns ask the NAP for DNS servers ({@code usepeerdns}; default true)
 * @param defaultRoute route everything through the call ({@code defaultroute}, else {@code
 *     nodefaultroute}; default true: on the board the call is the box's way to the CSS)
 * @param lcpEchoInterval seconds between LCP echo requests (default 30; 0 turns echoes off)
 * @param lcpEchoFailure unanswered echoes before pppd declares the peer dead (default 4)
 * @param ipparam passed to the ip-up/ip-down scripts (default {@code connectivity-box})
 * @param debug pppd's {@code debug}: packet dumps in the log (default false)
 * @param terminateGrace how long pppd may take to end after SIGTERM before it is killed
 *     (default 5 s: pppd sends LCP Terminate-Request and waits for the ack)
 */
public record PppdSettings(Path pppd, Path device, int speed, boolean hardwareFlowControl,
    boolean usePeerDns, boolean defaultRoute, int lcpEchoInterval, int lcpEchoFailure,
    String ipparam, boolean debug, Duration terminateGrace) {

  /** The speeds a Linux tty accepts that make sense for a modem. */
  public static final Set<Integer> SPEEDS =
      Set.of(9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600);

  /** @throws IllegalArgumentException naming the field if a value is out of range */
  public PppdSettings {
    Objects.requireNonNull(pppd, "pppd");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(ipparam, "ipparam");
    Objects.requireNonNull(terminateGrace, "terminateGrace");
    if (!pppd.isAbsolute()) {
      throw new IllegalArgumentException("pppd must be an absolute path: " + pppd);
    }
    if (!device.isAbsolute()) {
      throw new IllegalArgumentException("device must be an absolute path: " + device);
    }
    if (!SPEEDS.contains(speed)) {
      throw new IllegalArgumentException("speed must be one of " + SPEEDS + ": " + speed);
    }
    if (lcpEchoInterval < 0 || lcpEchoInterval > 3600) {
      throw new IllegalArgumentException(
          "lcpEchoInterval must be between 0 and 3600 s: " + lcpEchoInterval);
    }
    if (lcpEchoFailure < 1 || lcpEchoFailure > 100) {
      throw new IllegalArgumentException(
          "lcpEchoFailure must be between 1 and 100: " + lcpEchoFailure);
    }
    if (!ipparam.matches("[\\x21-\\x7e]{1,64}")) {
      throw new IllegalArgumentException(
          "ipparam must be 1 to 64 printable ASCII characters without spaces: '" + ipparam + "'");
    }
    if (terminateGrace.isNegative() || terminateGrace.isZero()) {
      throw new IllegalArgumentException("terminateGrace must be positive: " + terminateGrace);
    }
  }

  /** The defaults above, on {@code device}. */
  public static PppdSettings defaults(Path device) {
    return new PppdSettings(Path.of("/usr/sbin/pppd"), device, 115200, true, true, true, 30, 4,
        "connectivity-box", false, Duration.ofSeconds(5));
  }

  public PppdSettings withPppd(Path p) {
    return new PppdSettings(p, device, speed, hardwareFlowControl, usePeerDns, defaultRoute,
        lcpEchoInterval, lcpEchoFailure, ipparam, debug, terminateGrace);
  }

  public PppdSettings withSpeed(int s) {
    return new PppdSettings(pppd, device, s, hardwareFlowControl, usePeerDns, defaultRoute,
        lcpEchoInterval, lcpEchoFailure, ipparam, debug, terminateGrace);
  }

  public PppdSettings withUsePeerDns(boolean on) {
    return new PppdSettings(pppd, device, speed, hardwareFlowControl, on, defaultRoute,
        lcpEchoInterval, lcpEchoFailure, ipparam, debug, terminateGrace);
  }

  public PppdSettings withDefaultRoute(boolean on) {
    return new PppdSettings(pppd, device, speed, hardwareFlowControl, usePeerDns, on,
        lcpEchoInterval, lcpEchoFailure, ipparam, debug, terminateGrace);
  }

  public PppdSettings withHardwareFlowControl(boolean on) {
    return new PppdSettings(pppd, device, speed, on, usePeerDns, defaultRoute,
        lcpEchoInterval, lcpEchoFailure, ipparam, debug, terminateGrace);
  }

  public PppdSettings withDebug(boolean on) {
    return new PppdSettings(pppd, device, speed, hardwareFlowControl, usePeerDns, defaultRoute,
        lcpEchoInterval, lcpEchoFailure, ipparam, on, terminateGrace);
  }

  public PppdSettings withLcpEcho(int interval, int failure) {
    return new PppdSettings(pppd, device, speed, hardwareFlowControl, usePeerDns, defaultRoute,
        interval, failure, ipparam, debug, terminateGrace);
  }

  public PppdSettings withIpparam(String p) {
    return new PppdSettings(pppd, device, speed, hardwareFlowControl, usePeerDns, defaultRoute,
        lcpEchoInterval, lcpEchoFailure, p, debug, terminateGrace);
  }
}
