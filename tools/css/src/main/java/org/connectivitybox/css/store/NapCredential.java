package org.connectivitybox.css.store;

import java.util.Objects;
import org.connectivitybox.protocols.tls.CbId;

/**
 * What the RADIUS server needs to check a subscriber's local NAP login: the subscriber's status
 * and the salted hash of its NAP password ({@link NapPasswordHash}).
 *
 * @param passwordHash null while no NAP password has been set (no password matches)
 */
public record NapCredential(CbId cbId, SubscriberStatus status, String passwordHash) {
  public NapCredential {
    Objects.requireNonNull(cbId, "cbId");
    Objects.requireNonNull(status, "status");
  }

  /** Whether {@code password} is the subscriber's NAP password (false if none is set). */
  public boolean matches(char[] password) {
    return passwordHash != null && password.length > 0
        && NapPasswordHash.matches(password, passwordHash);
  }

  @Override
  public String toString() {
    return "NapCredential[" + cbId + ", " + status + (passwordHash == null ? ", no password]"
        : "]");
  }
}
