package org.connectivitybox.protocols.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The CSS's connection manager 70: keeps one {@link CssConnection} per CB ID, creates it on
 * CONNECT, replaces it when the same box connects again, and forgets it when it is closed.
 *
 * <p>It holds no state machine of its own: each connection is one (Figure 7). The CSS answers
 * {@code NOT_CONNECTED} to any other transaction from a box for which {@link #connected} is
 * empty. Thread-safe; the listener is called outside any lock of this class.
 */
public final class CssConnectionManager {
  private final Duration timeout;
  private final Scheduler scheduler;
  private final CssConnection.Listener listener;
  private final Map<CbId, CssConnection> connections = new ConcurrentHashMap<>();

  /**
   * @param timeout how long a connection may stay CONNECTED without a transaction
   * @param listener hears of every connection's events, after this manager has updated its map
   */
  public CssConnectionManager(Duration timeout, Scheduler scheduler,
      CssConnection.Listener listener) {
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Handles a CONNECT Request from {@code cbId}: creates the connection (replacing an older one
   * of the same box), looks the subscriber up and returns the CONNECT Response.
   *
   * @param lookup the subscriber-record lookup by CB ID (Figure 7, Checking)
   */
  public ConnectResponse connect(CbId cbId, InetAddress address, ConnectRequest request,
      Function<CbId, SubscriberCheck> lookup) {
    CssConnection connection = new CssConnection(cbId, address, request, timeout, scheduler,
        new CssConnection.Listener() {
          @Override
          public void connected(CssConnection c) {
            listener.connected(c);
          }

          @Override
          public void closed(CssConnection c, CssConnection.CloseCause cause) {
            connections.remove(c.cbId(), c);
            listener.closed(c, cause);
          }
        });
    CssConnection old = connections.put(cbId, connection);
    if (old != null && old.state() != CssConnection.State.CLOSED) {
      try {
        old.replaced();
      } catch (IllegalStateException raced) {
        // it closed (timeout, DISCONNECT) at this moment: nothing left to replace
      }
    }
    return connection.checked(lookup.apply(cbId));
  }

  /** The box's connection if it is CONNECTED. */
  public Optional<CssConnection> connected(CbId cbId) {
    CssConnection c = connections.get(cbId);
    return c != null && c.state() == CssConnection.State.CONNECTED ? Optional.of(c)
        : Optional.empty();
  }
}
