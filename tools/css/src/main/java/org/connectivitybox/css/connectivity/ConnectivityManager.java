package org.connectivitybox.css.connectivity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.connectivitybox.css.store.ConnectionRecord;
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
import org.connectivitybox.protocols.ppp.Scheduler;
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
  /**
   * The inactivity timeout handed to each rebuilt {@link CssConnection}. Its timer is not kept:
   * the object lives for one request, and the row's {@code last_seen_at} is what an expiry
   * (not part of this version) compares.
   */
  private static final Duration INACTIVITY = Duration.ofMinutes(10);

  private static final Scheduler NO_TIMER = (delay, task) -> () -> { };

  private static final CssConnection.Listener SILENT = new CssConnection.Listener() { };

  private final Connections connections;

  public ConnectivityManager(Connections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
  }

  /**
   * CONNECT from {@code cbId} over a connection from {@code address}: replaces a connection the
   * box still has, checks the subscriber and answers granted with the mismatching numbers, or
   * refused.
   */
  public ConnectResponse connect(CbId cbId, InetAddress address, ConnectRequest request) {
    return connections.locked(cbId, row -> {
      row.record().filter(ConnectivityManager::isConnected).ifPresent(old -> {
        rebuild(old).replaced();
        Logger.info("connection of {} from {} replaced", cbId, old.address());
      });
      CssConnection connection =
          new CssConnection(cbId, address, request, INACTIVITY, NO_TIMER, SILENT);
      SubscriberCheck check = row.subscriberActive()
          ? SubscriberCheck.valid(numbers(row.sequenceNumbers()))
          : SubscriberCheck.refused(ConnectRefusal.NOT_A_VALID_SUBSCRIBER);
      ConnectResponse response = connection.checked(check);
      if (connection.state() == CssConnection.State.CONNECTED) {
        row.connected(connection.state().name(), address.getHostAddress(),
            request.dataTransferPort());
        Logger.info("{} connected from {} (data-transfer port {})", cbId,
            address.getHostAddress(), request.dataTransferPort());
      } else {
        row.closed(connection.state().name());
        Logger.info("{} refused: {}", cbId, response.refusal());
      }
      return response;
    });
  }

  /**
   * DISCONNECT: confirmed unless the box is an end of an ACTIVE job.
   *
   * @throws TransactionError NOT_CONNECTED if the box has no granted connection
   */
  public DisconnectResponse disconnect(CbId cbId, DisconnectRequest request) {
    return connections.locked(cbId, row -> {
      CssConnection connection = connected(row, cbId, "DISCONNECT");
      DisconnectResponse response = connection.onDisconnect(request,
          numbers(row.sequenceNumbers()), row.inActiveJob());
      if (connection.state() == CssConnection.State.CLOSED) {
        row.closed(connection.state().name());
        Logger.info("{} disconnected", cbId);
      } else {
        row.seen(connection.state().name());
      }
      return response;
    });
  }

  /**
   * The sequence-number check: the CSS's numbers that differ; the connection stays CONNECTED.
   *
   * @throws TransactionError NOT_CONNECTED if the box has no granted connection
   */
  public SequenceCheckResponse checkSequenceNumbers(CbId cbId, SequenceCheckRequest request) {
    return connections.locked(cbId, row -> {
      CssConnection connection = connected(row, cbId, "sequence-number check");
      SequenceCheckResponse response =
          connection.onSequenceCheck(request, numbers(row.sequenceNumbers()));
      row.seen(connection.state().name());
      return response;
    });
  }

  private static CssConnection connected(Connections.Locked row, CbId cbId, String what) {
    return rebuild(row.record().filter(ConnectivityManager::isConnected).orElseThrow(() ->
        new TransactionError(ErrorCode.NOT_CONNECTED, what + " from " + cbId
            + " without a granted CONNECT")));
  }

  private static boolean isConnected(ConnectionRecord r) {
    return CssConnection.State.CONNECTED.name().equals(r.state());
  }

  /** The CONNECTED data object a row describes, brought there by its own transitions. */
  private static CssConnection rebuild(ConnectionRecord r) {
    InetAddress address;
    try {
      // A literal address: no name lookup happens.
      address = InetAddress.getByName(Objects.requireNonNull(r.address(), "address"));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("stored address of " + r.cbId() + " is not an address: "
          + r.address(), e);
    }
    int port = Objects.requireNonNull(r.dataTransferPort(), "dataTransferPort");
    CssConnection c = new CssConnection(r.cbId(), address,
        new ConnectRequest(SequenceNumbers.NONE, port), INACTIVITY, NO_TIMER, SILENT);
    c.checked(SubscriberCheck.valid(SequenceNumbers.NONE));
    return c;
  }

  private static SequenceNumbers numbers(Map<String, Long> byTask) {
    SequenceNumbers n = SequenceNumbers.NONE;
    for (Task t : Task.values()) {
      n = n.with(t, byTask.getOrDefault(t.wireName(), 0L));
    }
    return n;
  }
}
