package org.connectivitybox.protocols.ppp;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How bringing a link up ended: up with addresses, refused by the NAP, timed out, or failed.
 *
 * <p>Only {@link Up} leaves the link usable; after any other outcome the link is down and the
 * caller hangs up the call.
 */
public sealed interface LinkOutcome {

  /**
   * The link is up.
   *
   * @param local the box's address on the link: on the desktop a 127.0.0.0/8 address the box
   *     binds its sockets to
   * @param peer the NAP's end of the link
   */
  record Up(InetAddress local, InetAddress peer) implements LinkOutcome {
    public Up {
      Objects.requireNonNull(local, "local");
      Objects.requireNonNull(peer, "peer");
    }
  }

  /** The NAP refused the login; {@code reason} is the NAP's own text. */
  record Rejected(String reason) implements LinkOutcome {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** The link was not up within {@code after}; the link has been brought down. */
  record TimedOut(Duration after) implements LinkOutcome {
    public TimedOut {
      Objects.requireNonNull(after, "after");
    }
  }

  /**
   * The link could not come up: the data channel failed or ended (carrier lost), the peer broke
   * the protocol, or pppd exited; {@code cause} says which, with what was received.
   */
  record Failed(IOException cause) implements LinkOutcome {
    public Failed {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
