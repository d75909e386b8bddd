package org.connectivitybox.css.radius;

import java.util.Locale;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * What a RADIUS User-Name names: a configuration login {@code serial@config_domain} (Figure 15,
 * Phase II), a subscriber's local NAP login {@code cbId@subscriber_domain}, or neither.
 *
 * <p>The realm after the last {@code @} is compared without regard to case (it is a domain); the
 * serial number or CB ID before it exactly.
 */
public sealed interface LoginName {

  /** A configuration login of the box with this factory serial number. */
  record Configuration(SerialNumber serial) implements LoginName {}

  /** A local NAP login of the subscriber with this CB ID. */
  record Subscriber(CbId cbId) implements LoginName {}

  /** A user name of no realm this CSS serves, or a malformed one. */
  record Other() implements LoginName {}

  /** Reads a User-Name against the two realms (both lower case). */
  static LoginName parse(String userName, String configDomain, String subscriberDomain) {
    if (userName == null) {
      return new Other();
    }
    int at = userName.lastIndexOf('@');
    if (at <= 0) {
      return new Other();
    }
    String local = userName.substring(0, at);
    String realm = userName.substring(at + 1).toLowerCase(Locale.ROOT);
    try {
      if (realm.equals(configDomain)) {
        return new Configuration(SerialNumber.of(local));
      }
      if (realm.equals(subscriberDomain)) {
        return new Subscriber(CbId.of(local));
      }
    } catch (IllegalArgumentException e) {
      return new Other();
    }
    return new Other();
  }
}
