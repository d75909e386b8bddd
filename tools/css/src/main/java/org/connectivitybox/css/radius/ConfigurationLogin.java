package org.connectivitybox.css.radius;

import java.net.InetAddress;
import java.util.Objects;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * A box on line at the configuration NAP (Figure 15, Phase II step 4): the serial of its
 * configuration login and the address the NAP gave it, as the Accounting-Start reported them.
 *
 * @param nas the NAS that reported it (NAS-Identifier, else its address)
 * @param acctSessionId the NAS's Acct-Session-Id
 */
public record ConfigurationLogin(SerialNumber serial, InetAddress framedIpAddress, String nas,
    String acctSessionId) {
  public ConfigurationLogin {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(framedIpAddress, "framedIpAddress");
    Objects.requireNonNull(nas, "nas");
    Objects.requireNonNull(acctSessionId, "acctSessionId");
  }
}
