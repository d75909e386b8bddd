package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How a box recognises a wakeup call without answering it — the "wakeup parameters" of the
 * downloaded parameters 191 (specification: "Wakeup Signalling Arrangement"). Any combination of
 * the three methods may be enabled; at least one must be.
 *
 * @param cssCallerIds the calling numbers of the CSS's wakeup lines; a call showing one of them is
 *     a wakeup (empty: the caller-ID method is off)
 * @param distinctiveCadence the cadence the network rings for the CSS's calls (empty: off)
 * @param ringLimit limited ringing: a call that stops after at most this many rings is a wakeup,
 *     one that rings more often is not (0: off)
 * @param silence how long the line must stay quiet after a ring for the call to count as ended
 *     (a normal ring cycle is 6 s; default 9 s)
 */
public record WakeupParameters(Set<String> cssCallerIds, Optional<Cadence> distinctiveCadence,
    int ringLimit, Duration silence) {

  /** @throws IllegalArgumentException if no method is enabled or a value is out of range */
  public WakeupParameters {
    cssCallerIds = Set.copyOf(cssCallerIds);
    for (String number : cssCallerIds) {
      TelephoneNumber.of(number); // validates
    }
    if (ringLimit < 0 || ringLimit > 10) {
      throw new IllegalArgumentException("ring limit must be between 0 and 10: " + ringLimit);
    }
    if (silence == null || silence.compareTo(Duration.ofSeconds(1)) < 0
        || silence.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException("silence must be between 1 s and 60 s: " + silence);
    }
    if (cssCallerIds.isEmpty() && distinctiveCadence.isEmpty() && ringLimit == 0) {
      throw new IllegalArgumentException(
          "no wakeup method enabled: give CSS caller IDs, a distinctive cadence or a ring limit");
    }
  }

  /** Caller ID only, with the default silence. */
  public static WakeupParameters byCallerId(Set<String> cssCallerIds) {
    return new WakeupParameters(cssCallerIds, Optional.empty(), 0, Duration.ofSeconds(9));
  }

  boolean callerIdEnabled() {
    return !cssCallerIds.isEmpty();
  }

  boolean limitedRingingEnabled() {
    return ringLimit > 0;
  }
}
