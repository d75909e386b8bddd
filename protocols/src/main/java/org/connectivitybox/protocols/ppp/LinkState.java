package org.connectivitybox.protocols.ppp;

/**
 * Where a link is in its one life over one call.
 *
 * <p>Allowed transitions, and nothing else:
 *
 * <pre>
 *   IDLE         -- bringUp --------------------------------------> ESTABLISHING
 *   IDLE         -- bringDown / callEnded ------------------------> DOWN
 *   ESTABLISHING -- addresses learnt (LinkOutcome.Up) ------------> UP
 *   ESTABLISHING -- rejected / timed out / failed / bringDown ----> DOWN
 *   UP           -- call ended / peer terminated / bringDown / failure --> DOWN  (LinkDown event)
 * </pre>
 *
 * A link is not reused: a new call gets a new link.
 */
public enum LinkState {
  /** Made, not yet asked to come up. */
  IDLE,
  /** Logging in and waiting for addresses. */
  ESTABLISHING,
  /** Up: the local and peer addresses are known. */
  UP,
  /** Down for good. */
  DOWN;

  /** Whether a link may go from this state to {@code next}. */
  public boolean canGoTo(LinkState next) {
    return switch (this) {
      case IDLE -> next == ESTABLISHING || next == DOWN;
      case ESTABLISHING -> next == UP || next == DOWN;
      case UP -> next == DOWN;
      case DOWN -> false;
    };
  }
}
