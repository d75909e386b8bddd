package org.connectivitybox.protocols.ppp.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.connectivitybox.protocols.ppp.LinkDown;
import org.connectivitybox.protocols.ppp.LinkListener;
import org.connectivitybox.protocols.ppp.LinkOutcome;
import org.connectivitybox.protocols.ppp.LinkState;
import org.connectivitybox.protocols.time.Scheduler;
import org.tinylog.Logger;

/**
 * The state machine every link shares: the {@link LinkState} transitions, the bring-up timeout,
 * the one outcome and the one link-down event.
 *
 * <p>Each transition is performed by {@link #transition} under the lock; late reports (a line
 * read after a timeout, a second hang-up) find the link already down and are ignored. The
 * outcome and the listeners are completed and called outside the lock. {@code release} (closing
 * the data channel, stopping pppd) runs once, when the link enters DOWN.
 */
public final class LinkLifecycle {
  private final String name;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Runnable release;
  private final CompletableFuture<LinkOutcome> outcome = new CompletableFuture<>();
  private final List<LinkListener> listeners = new CopyOnWriteArrayList<>();
  private LinkState state = LinkState.IDLE;
  private Scheduler.Cancellable timer;

  /**
   * @param name the link's name in log lines and messages
   * @param release frees what the link holds; runs once, on entering DOWN; must not throw
   */
  public LinkLifecycle(String name, Clock clock, Scheduler scheduler, Runnable release) {
    this.name = Objects.requireNonNull(name, "name");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.release = Objects.requireNonNull(release, "release");
  }

  public synchronized LinkState state() {
    return state;
  }

  public void addListener(LinkListener l) {
    listeners.add(Objects.requireNonNull(l, "listener"));
  }

  public void removeListener(LinkListener l) {
    listeners.remove(l);
  }

  /**
   * IDLE to ESTABLISHING, with the timeout armed.
   *
   * @throws IllegalStateException if not IDLE
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public CompletableFuture<LinkOutcome> begin(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    synchronized (this) {
      transition(LinkState.ESTABLISHING);
      timer = scheduler.schedule(timeout, () -> finish(new LinkOutcome.TimedOut(timeout)));
    }
    Logger.info("{}: bringing the link up (timeout {} s)", name, timeout.toSeconds());
    return outcome.copy();
  }

  /** ESTABLISHING to UP; ignored if the link is no longer establishing. */
  public boolean up(InetAddress local, InetAddress peer) {
    return finish(new LinkOutcome.Up(local, peer));
  }

  /** ESTABLISHING to DOWN with the NAP's refusal; ignored otherwise. */
  public boolean rejected(String reason) {
    return finish(new LinkOutcome.Rejected(reason));
  }

  /**
   * The link failed or lost its call: while establishing the outcome is FAILED with an
   * IOException carrying {@code detail}; when up, listeners get {@code cause}.
   */
  public void lost(LinkDown.Cause cause, String detail) {
    lost(cause, new IOException(detail));
  }

  /** As {@link #lost(LinkDown.Cause, String)}, keeping the exception as the FAILED outcome. */
  public void lost(LinkDown.Cause cause, IOException failure) {
    LinkState was;
    synchronized (this) {
      was = state;
      if (was == LinkState.UP || was == LinkState.IDLE) {
        transition(LinkState.DOWN);
      }
    }
    if (was == LinkState.ESTABLISHING) {
      finish(new LinkOutcome.Failed(failure));
    } else if (was == LinkState.UP || was == LinkState.IDLE) {
      runRelease();
      if (was == LinkState.UP) {
        announce(new LinkDown(clock.instant(), cause, String.valueOf(failure.getMessage())));
      }
    }
  }

  /** Completes the outcome (leaving ESTABLISHING); false if the link was not establishing. */
  private boolean finish(LinkOutcome result) {
    synchronized (this) {
      if (state != LinkState.ESTABLISHING) {
        return false;
      }
      transition(result instanceof LinkOutcome.Up ? LinkState.UP : LinkState.DOWN);
      timer.cancel();
    }
    Logger.info("{}: {}", name, result);
    if (!(result instanceof LinkOutcome.Up)) {
      runRelease();
    }
    outcome.complete(result);
    return true;
  }

  /** Performs one transition; the caller holds the lock. */
  private void transition(LinkState next) {
    if (!state.canGoTo(next)) {
      throw new IllegalStateException(name + " cannot go from " + state + " to " + next);
    }
    state = next;
  }

  private void runRelease() {
    try {
      release.run();
    } catch (RuntimeException e) {
      Logger.warn(e, "{}: releasing the link failed", name);
    }
  }

  private void announce(LinkDown event) {
    Logger.info("{}: link down, {}: {}", name, event.cause(), event.detail());
    for (LinkListener l : listeners) {
      try {
        l.linkDown(event);
      } catch (RuntimeException e) {
        Logger.warn(e, "{}: a link listener threw", name);
      }
    }
  }
}
