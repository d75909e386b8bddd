package org.connectivitybox.css.connectivity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.connectivitybox.css.store.ConnectionRecord;
import org.connectivitybox.css.rows.RowTimer;
import org.connectivitybox.css.store.Connections;
import org.connectivitybox.protocols.connection.ConnectRefusal;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.CssConnection;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.DisconnectResponse;
import org.connectivitybox.protocols.connection.SequenceCheckRequest;
import org.connectivitybox.protocols.connection.SequenceCheckResponse;
import org.connectivitybox.protocols.connection.SubscriberCheck;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.ErrorCode;
import org.tinylog.Logger;

/**
 * The CSS connection manager over the database: each transaction loads the box's connection
 * row, rebuilds its {@link CssConnection} (Figure 7), performs the transition there and stores
 * the result, all within one database transaction ({@link Connections#locked}).
 *
 * <p>The row's {@code state} is a {@link CssConnection.State} name: {@code CONNECTED}, or
 * {@code CLOSED} once the data object is destroyed (CHECKING lasts only inside one CONNECT).
 * The subscriber's sequence numbers are kept under the tasks' wire names ({@link
 * Task#wireName()}); a task never advanced counts as 0.
 *
 * <p>Thread-safe and stateless: concurrent requests of one box are serialised by the database
 * lock, on this node or any other. Database failures are {@code StoreException}s; a transaction
 * the connection's state does not allow is a {@link TransactionError} {@code NOT_CONNECTED}.
 */
public final class ConnectivityManager {
  /** The CSS's connection (inactivity) timeout unless the caller chooses one. */
  public static final Duration DEFAULT_INACTIVITY = Duration.ofMinutes(10);

  private static final CssConnection.Listener SILENT = new CssConnection.Listener() { };

  private final Connections connections;
  private final Duration inactivity;
  private final Clock clock;
  private volatile JobLink jobs = JobLink.NONE;
  private final List<java.util.function.BiConsumer<CbId, ConnectRequest>> connectListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A manager with the {@link #DEFAULT_INACTIVITY} timeout. */
  public ConnectivityManager(Connections connections, Clock clock) {
    this(connections, DEFAULT_INACTIVITY, clock);
  }

  /**
   * A manager whose connections expire after {@code inactivity} without a transaction.
   *
   * <p>The timeout is kept in the database, not in a timer: a CONNECTED row whose {@code
   * last_seen_at} is {@code inactivity} old or older is expired by the next transaction that
   * loads it (the rebuilt {@link CssConnection}'s own timer fires, Figure 7 CONNECTED ──timeout──▶
   * destroyed), so any node sees the same expiry.
   *
   * @throws IllegalArgumentException if the timeout is not positive
   */
  public ConnectivityManager(Connections connections, Duration inactivity, Clock clock) {
    this.connections = Objects.requireNonNull(connections, "connections");
    this.inactivity = Objects.requireNonNull(inactivity, "inactivity");
    if (inactivity.isNegative() || inactivity.isZero()) {
      throw new IllegalArgumentException("inactivity timeout must be positive: " + inactivity);
    }
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Lets the send/receive manager hear of connections that wake receivers or abandon senders;
   * set once, when the CSS is assembled (the two managers refer to each other).
   */
  public void link(JobLink link) {
    this.jobs = java.util.Objects.requireNonNull(link, "link");
  }

  /**
   * Adds a listener told of each granted CONNECT after its transaction committed (the
   * configuration manager's Phase III), on the request's thread: it must be fast; what it throws
   * is logged and otherwise ignored.
   */
  public void onGrantedConnect(java.util.function.Consumer<CbId> listener) {
    Objects.requireNonNull(listener, "listener");
    connectListeners.add((cbId, request) -> listener.accept(cbId));
  }

  /**
   * As {@link #onGrantedConnect}, with the CONNECT request (the box's sequence numbers): the
   * configuration manager's reconfiguration through the local NAP.
   */
  public void afterGrantedConnect(
      java.util.function.BiConsumer<CbId, ConnectRequest> listener) {
    connectListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * CONNECT from {@code cbId} over a connection from {@code address}: replaces a connection the
   * box still has, checks the subscriber and answers granted with the mismatching numbers, or
   * refused.
   */
  public ConnectResponse connect(CbId cbId, InetAddress address, ConnectRequest request) {
    List<Long> changed = new ArrayList<>();
    ConnectResponse answer = connections.locked(cbId, row -> {
      row.record().filter(ConnectivityManager::isConnected).ifPresent(old -> {
        rebuild(old).connection().replaced();
        changed.addAll(jobs.senderGone(row, cbId));
        Logger.info("connection of {} from {} replaced", cbId, old.address());
      });
      CssConnection connection =
          new CssConnection(cbId, address, request, inactivity, new RowTimer(), SILENT);
      SubscriberCheck check = row.subscriberActive()
          ? SubscriberCheck.valid(numbers(row.sequenceNumbers()))
          : SubscriberCheck.refused(ConnectRefusal.NOT_A_VALID_SUBSCRIBER);
      ConnectResponse response = connection.checked(check);
      if (connection.state() == CssConnection.State.CONNECTED) {
        row.connected(connection.state().name(), address.getHostAddress(),
            request.dataTransferPort());
        Logger.info("{} connected from {} (data-transfer port {})", cbId,
            address.getHostAddress(), request.dataTransferPort());
        changed.addAll(jobs.receiverConnected(row, cbId, address, request.dataTransferPort()));
      } else {
        row.closed(connection.state().name());
        Logger.info("{} refused: {}", cbId, response.refusal());
      }
      return response;
    });
    jobs.committed(changed);
    if (answer.granted()) {
      for (var listener : connectListeners) {
        try {
          listener.accept(cbId, request);
        } catch (RuntimeException e) {
          Logger.error(e, "a CONNECT listener failed for {}", cbId);
        }
      }
    }
    return answer;
  }

  /**
   * DISCONNECT: confirmed unless the box is an end of an ACTIVE job.
   *
   * @throws TransactionError NOT_CONNECTED if the box has no granted connection
   */
  public DisconnectResponse disconnect(CbId cbId, DisconnectRequest request) {
    expireIfIdle(cbId);
    List<Long> changed = new ArrayList<>();
    DisconnectResponse answer = connections.locked(cbId, row -> {
      CssConnection connection = connected(row, cbId, "DISCONNECT");
      DisconnectResponse response = connection.onDisconnect(request,
          numbers(row.sequenceNumbers()), row.inActiveJob());
      if (connection.state() == CssConnection.State.CLOSED) {
        row.closed(connection.state().name());
        changed.addAll(jobs.senderGone(row, cbId));
        Logger.info("{} disconnected", cbId);
      } else {
        row.seen(connection.state().name());
      }
      return response;
    });
    jobs.committed(changed);
    return answer;
  }

  /**
   * The sequence-number check: the CSS's numbers that differ; the connection stays CONNECTED.
   *
   * @throws TransactionError NOT_CONNECTED if the box has no granted connection
   */
  public SequenceCheckResponse checkSequenceNumbers(CbId cbId, SequenceCheckRequest request) {
    expireIfIdle(cbId);
    return connections.locked(cbId, row -> {
      CssConnection connection = connected(row, cbId, "sequence-number check");
      SequenceCheckResponse response =
          connection.onSequenceCheck(request, numbers(row.sequenceNumbers()));
      row.seen(connection.state().name());
      return response;
    });
  }

  /**
   * A transaction of another manager (ABGET) from {@code cbId}: it needs a granted connection,
   * whose inactivity timer restarts.
   *
   * @throws TransactionError NOT_CONNECTED if the box has no granted connection
   */
  public void touch(CbId cbId, String what) {
    expireIfIdle(cbId);
    connections.locked(cbId, row -> {
      CssConnection connection = connected(row, cbId, what);
      row.seen(connection.state().name());
      return null;
    });
  }

  /** The connection row of a box, read without a lock (a SEND's view of its receiver). */
  public java.util.Optional<ConnectionRecord> connection(CbId cbId) {
    return connections.find(cbId);
  }

  /** The inactivity timeout after which a connection without a transaction is closed. */
  public Duration inactivity() {
    return inactivity;
  }

  /**
   * Expires the box's connection if it has been idle for the timeout, in a transaction of its
   * own so that the CLOSED row is kept even though the request that found it then fails. The
   * send/receive transactions call it before their own transaction, as DISCONNECT does.
   */
  public void expireIfIdle(CbId cbId) {
    List<Long> changed = new ArrayList<>();
    connections.locked(cbId, row -> {
      row.record().filter(ConnectivityManager::isConnected).ifPresent(r -> {
        if (!r.lastSeenAt().plus(inactivity).isAfter(clock.instant())) {
          Rebuilt idle = rebuild(r);
          idle.timer().fire();
          row.closed(idle.connection().state().name());
          changed.addAll(jobs.senderGone(row, cbId));
          Logger.info("connection of {} timed out (idle since {})", cbId, r.lastSeenAt());
        }
      });
      return null;
    });
    jobs.committed(changed);
  }

  /** Whether a connection row is CONNECTED and not yet past the inactivity timeout. */
  public boolean isLive(ConnectionRecord r) {
    return isConnected(r) && r.address() != null && r.dataTransferPort() != null
        && r.lastSeenAt().plus(inactivity).isAfter(clock.instant());
  }

  private CssConnection connected(Connections.Locked row, CbId cbId, String what) {
    return rebuild(row.record().filter(ConnectivityManager::isConnected).orElseThrow(() ->
        new TransactionError(ErrorCode.NOT_CONNECTED, what + " from " + cbId
            + " without a granted CONNECT"))).connection();
  }

  private static boolean isConnected(ConnectionRecord r) {
    return CssConnection.State.CONNECTED.name().equals(r.state());
  }

  /** A data object rebuilt from its row, with the timer its last transition armed. */
  private record Rebuilt(CssConnection connection, RowTimer timer) {}

  /** The CONNECTED data object a row describes, brought there by its own transitions. */
  private Rebuilt rebuild(ConnectionRecord r) {
    if (r.address() == null || r.dataTransferPort() == null) {
      throw new TransactionError(ErrorCode.INTERNAL_ERROR, "connection row of " + r.cbId()
          + " is CONNECTED without an address or a data-transfer port");
    }
    InetAddress address;
    try {
      // A literal address: no name lookup happens.
      address = InetAddress.getByName(r.address());
    } catch (UnknownHostException e) {
      throw new TransactionError(ErrorCode.INTERNAL_ERROR, "stored address of " + r.cbId()
          + " is not an address: " + r.address());
    }
    int port = r.dataTransferPort();
    RowTimer timer = new RowTimer();
    CssConnection c = new CssConnection(r.cbId(), address,
        new ConnectRequest(SequenceNumbers.NONE, port), inactivity, timer, SILENT);
    c.checked(SubscriberCheck.valid(SequenceNumbers.NONE));
    return new Rebuilt(c, timer);
  }

  private static SequenceNumbers numbers(Map<String, Long> byTask) {
    SequenceNumbers n = SequenceNumbers.NONE;
    for (Task t : Task.values()) {
      n = n.with(t, byTask.getOrDefault(t.wireName(), 0L));
    }
    return n;
  }
}
