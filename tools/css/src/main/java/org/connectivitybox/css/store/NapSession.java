package org.connectivitybox.css.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A NAP session as RADIUS accounting reported it: who logged in at which NAS, the address the
 * NAS gave, and (after the Stop) how long and how much.
 *
 * @param nas the NAS as it named itself (NAS-Identifier, else NAS-IP-Address, else its source
 *     address)
 * @param serialNumber set for a configuration login, else null
 * @param cbId set for a subscriber login, else null
 * @param framedIpAddress the box's address for the session, null if the NAS did not say
 */
public record NapSession(String nas, String acctSessionId, String userName, LoginKind loginKind,
    String serialNumber, String cbId, String framedIpAddress, String callingStationId,
    String calledStationId, State state, Instant startedAt, Instant updatedAt, Instant stoppedAt,
    Long sessionSeconds, Long inputOctets, Long outputOctets, Integer terminateCause) {

  /** Which kind of login the session's User-Name is. */
  public enum LoginKind { CONFIGURATION, SUBSCRIBER, OTHER }

  /** STARTED by an Accounting-Start (or an Interim-Update seen first), STOPPED by the Stop. */
  public enum State { STARTED, STOPPED }

  public NapSession {
    Objects.requireNonNull(nas, "nas");
    Objects.requireNonNull(acctSessionId, "acctSessionId");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(loginKind, "loginKind");
    Objects.requireNonNull(state, "state");
  }
}
