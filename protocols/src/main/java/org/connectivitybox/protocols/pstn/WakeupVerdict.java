package org.connectivitybox.protocols.pstn;

import java.time.Instant;
import java.util.Objects;

/**
 * What the CBS monitor decided about one incoming call, and why.
 *
 * @param wakeup true for a wakeup call from the CSS (the box goes on line), false for an ordinary
 *     call (left alone for the telephone)
 * @param reason the method that decided
 * @param rings how many rings the monitor had seen when it decided
 * @param at when it decided
 */
public record WakeupVerdict(boolean wakeup, Reason reason, int rings, Instant at) {

  /** Which observation decided. */
  public enum Reason {
    /** The caller ID is one of the CSS's wakeup numbers. */
    CALLER_ID,
    /** The caller ID is another number. */
    OTHER_CALLER_ID,
    /** The ring cadence is the CSS's distinctive one. */
    DISTINCTIVE_RING,
    /** The ring cadence is an ordinary one. */
    ORDINARY_RING,
    /** The ringing stopped after at most the ring limit. */
    LIMITED_RINGING,
    /** The call rang more often than the ring limit. */
    RANG_TOO_LONG,
    /** The call ended and no enabled method recognised it. */
    NOT_RECOGNISED
  }

  public WakeupVerdict {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
