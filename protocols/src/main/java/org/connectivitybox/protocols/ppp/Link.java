package org.connectivitybox.protocols.ppp;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The PPP layer over one connected call: logs in and brings the box's IP link up, and reports when
 * it goes down.
 *
 * <p>Lifecycle (see {@link LinkState}): {@link #bringUp} once; its future completes exactly once
 * with a {@link LinkOutcome}. Refusals are typed outcomes ({@link LinkOutcome.Rejected}); link
 * failures carry an {@link java.io.IOException} ({@link LinkOutcome.Failed}); nothing is thrown
 * across the layer except for misuse ({@link IllegalStateException}). Once up, going down is told
 * to the {@link LinkListener}s exactly once. The link owns the call's data channel from {@code
 * bringUp} on and closes it when it goes down; hanging up the call stays with the PSTN layer.
 *
 * <p>Thread-safe: every method may be called from any thread.
 */
public interface Link {

  /**
   * Starts logging in with {@code credentials}; the future completes with UP, REJECTED,
   * TIMED_OUT (after {@code timeout}, measured on the injected scheduler) or FAILED.
   *
   * @throws IllegalStateException if the link is not {@link LinkState#IDLE}
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  CompletableFuture<LinkOutcome> bringUp(Credentials credentials, Duration timeout);

  /**
   * Brings the link down (we hang up our side of the session); idempotent. While establishing,
   * the outcome becomes FAILED; when up, listeners get {@link LinkDown.Cause#BROUGHT_DOWN}.
   */
  void bringDown();

  /**
   * The PSTN layer reports that the call ended (NO CARRIER, DCD dropped); idempotent. When up,
   * listeners get {@link LinkDown.Cause#CALL_ENDED}.
   */
  void callEnded();

  /** The link's current state. */
  LinkState state();

  /** Adds a listener for the link going down. */
  void addListener(LinkListener listener);

  /** Removes a listener added before; unknown listeners are ignored. */
  void removeListener(LinkListener listener);
}
