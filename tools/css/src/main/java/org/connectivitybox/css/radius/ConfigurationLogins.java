package org.connectivitybox.css.radius;

import org.tinylog.Logger;

/**
 * Where the RADIUS server (the configuration authorisation server of Figure 15) hands the boxes
 * that came on line at the configuration NAP: the configuration manager, which connects to the
 * box at that address and downloads its parameters 191.
 *
 * <p>Called on the RADIUS accounting thread after the session is recorded: an implementation
 * must return quickly (hand the work to its own executor) and should not throw; anything it
 * throws is logged and otherwise ignored (the Accounting-Response is sent regardless).
 */
@FunctionalInterface
public interface ConfigurationLogins {

  /** Called once per Accounting-Start of a configuration login that carries an address. */
  void started(ConfigurationLogin login);

  /** Until the configuration manager exists: a log line per configuration login. */
  ConfigurationLogins LOGGING = login -> Logger.info("radius: configuration login of {} at {}"
      + " from NAS {} (session {}); no configuration manager yet", login.serial(),
      login.framedIpAddress().getHostAddress(), login.nas(), login.acctSessionId());
}
