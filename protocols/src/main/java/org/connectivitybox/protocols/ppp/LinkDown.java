package org.connectivitybox.protocols.ppp;

import java.time.Instant;
import java.util.Objects;

/**
 * A link that was up has gone down: when, why, and a human-readable detail.
 *
 * @param at when the link noticed, from its injected clock
 * @param cause why the link went down
 * @param detail what was seen, for the log and the UI (never a password)
 */
public record LinkDown(Instant at, Cause cause, String detail) {

  /** Why a link went down. */
  public enum Cause {
    /** The call ended under the link: carrier lost, end of the data channel, modem hangup. */
    CALL_ENDED,
    /** The NAP ended the session (LCP terminated by peer, peer not responding). */
    PEER_TERMINATED,
    /** We brought the link down ({@link Link#bringDown()}). */
    BROUGHT_DOWN,
    /** The link failed: an I/O error, a protocol violation by the peer, pppd died. */
    LINK_FAILED
  }

  public LinkDown {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(detail, "detail");
  }
}
