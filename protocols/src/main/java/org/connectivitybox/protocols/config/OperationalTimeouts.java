package org.connectivitybox.protocols.config;

import java.time.Duration;

/**
 * The "Timeouts" of parameters 191: how long the box waits at each step of normal operation.
 *
 * @param callSetup dialling the local NAP until CONNECT (default 60 s)
 * @param login PPP login at the NAP until an address is assigned (default 30 s)
 * @param transaction one CSS transaction other than SEND (default 30 s)
 * @param sendWait a SEND, which the CSS holds while it wakes the receiver: must exceed the CSS's
 *     wakeup timeout (default 150 s)
 * @param onLine the connection manager's On Line inactivity timeout (Figure 3; default 60 s)
 * @param stall a data transfer without progress is abandoned after this (default 60 s)
 */
public record OperationalTimeouts(Duration callSetup, Duration login, Duration transaction,
    Duration sendWait, Duration onLine, Duration stall) {

  /** The defaults the configuration manager sends unless told otherwise. */
  public static final OperationalTimeouts DEFAULTS = new OperationalTimeouts(
      Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(30),
      Duration.ofSeconds(150), Duration.ofSeconds(60), Duration.ofSeconds(60));

  /** @throws IllegalArgumentException if a value is not positive or longer than a day */
  public OperationalTimeouts {
    check("callSetup", callSetup);
    check("login", login);
    check("transaction", transaction);
    check("sendWait", sendWait);
    check("onLine", onLine);
    check("stall", stall);
  }

  private static void check(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero() || d.compareTo(ConfigTimeouts.LIMIT) > 0) {
      throw new IllegalArgumentException("timeout " + name + " must be between 1 ms and 1 day: "
          + d);
    }
  }
}
