package org.connectivitybox.css.connectivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.store.Connections;
import org.connectivitybox.css.store.Database;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRecords;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.store.TestDatabases;
import org.connectivitybox.protocols.connection.ConnectRefusal;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.SequenceCheckRequest;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The connection manager over the database, on H2 and (when configured) PostgreSQL: two
 * managers on one database stand for two CSS nodes; nothing a request needs is in memory.
 */
class ConnectivityManagerTest {
  static final CbId ALICE = CbId.of("cb-alice");
  static final ConnectRequest CONNECT = new ConnectRequest(SequenceNumbers.NONE, 4443);

  static List<TestDatabases.Named> databases() {
    return TestDatabases.all();
  }

  static InetAddress address(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  static SubscriberRecords withAlice(Database db) {
    SubscriberRecords s = new SubscriberRecords(db, Clock.systemUTC());
    s.create(SubscriberRecord.newSubscriber(ALICE, "Alice", new TelephoneNumber("5550101"),
        ZoneId.of("UTC")));
    return s;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoNodesServeOneBoxInTurn(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      SubscriberRecords subscribers = withAlice(db);
      subscribers.nextSequenceNumber(ALICE, Task.ADDRESS_BOOK.wireName());
      Connections connections = new Connections(db, Clock.systemUTC());
      ConnectivityManager nodeA = new ConnectivityManager(connections, Clock.systemUTC());
      ConnectivityManager nodeB = new ConnectivityManager(new Connections(db, Clock.systemUTC()), Clock.systemUTC());

      ConnectResponse granted = nodeA.connect(ALICE, address("10.0.0.7"), new ConnectRequest(
          SequenceNumbers.of(Task.ADDRESS_BOOK, 0L), 4443));
      assertEquals(SequenceNumbers.of(Task.ADDRESS_BOOK, 1L), granted.mismatched());
      assertEquals(SequenceNumbers.of(Task.ADDRESS_BOOK, 1L), nodeB.checkSequenceNumbers(ALICE,
          new SequenceCheckRequest(SequenceNumbers.of(Task.ADDRESS_BOOK, 0L))).mismatched());
      assertTrue(nodeB.disconnect(ALICE, new DisconnectRequest(SequenceNumbers.NONE))
          .confirmed());
      TransactionError e = assertThrows(TransactionError.class,
          () -> nodeA.checkSequenceNumbers(ALICE, new SequenceCheckRequest(SequenceNumbers.NONE)));
      assertEquals(ErrorCode.NOT_CONNECTED, e.code());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void concurrentConnectsOfOneBoxLeaveOneConnectedRow(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      withAlice(db);
      Connections connections = new Connections(db, Clock.systemUTC());
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<ConnectResponse>> all = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          int port = 5000 + i;
          ConnectivityManager node = new ConnectivityManager(connections, Clock.systemUTC());
          all.add(pool.submit(() -> node.connect(ALICE, address("10.0.0.8"),
              new ConnectRequest(SequenceNumbers.NONE, port))));
        }
        for (Future<ConnectResponse> f : all) {
          assertTrue(f.get(30, TimeUnit.SECONDS).granted());
        }
      } finally {
        pool.shutdownNow();
      }
      var row = connections.find(ALICE).orElseThrow();
      assertEquals("CONNECTED", row.state());
      assertTrue(row.dataTransferPort() >= 5000 && row.dataTransferPort() < 5016);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSubscriberRevokedAfterTheFilterIsRefusedInsideTheTransaction(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      withAlice(db).setStatus(ALICE, SubscriberStatus.REVOKED);
      Connections connections = new Connections(db, Clock.systemUTC());
      ConnectResponse r = new ConnectivityManager(connections, Clock.systemUTC())
          .connect(ALICE, address("10.0.0.9"), CONNECT);
      assertEquals(ConnectRefusal.NOT_A_VALID_SUBSCRIBER, r.refusal());
      assertEquals("CLOSED", connections.find(ALICE).orElseThrow().state());
      assertNull(connections.find(ALICE).orElseThrow().address());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aFailingTransactionWritesNothing(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      withAlice(db);
      Connections connections = new Connections(db, Clock.systemUTC());
      new ConnectivityManager(connections, Clock.systemUTC()).connect(ALICE, address("10.0.0.10"), CONNECT);
      assertThrows(IllegalStateException.class, () -> connections.locked(ALICE, row -> {
        row.closed("CLOSED");
        throw new IllegalStateException("fails after writing");
      }));
      assertEquals("CONNECTED", connections.find(ALICE).orElseThrow().state());
      assertEquals("10.0.0.10", connections.find(ALICE).orElseThrow().address());
    }
  }

  /** A clock a test moves by hand. */
  static final class MovingClock extends Clock {
    volatile java.time.Instant now = java.time.Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aConnectionIdleForTheTimeoutIsDestroyedByTheNextTransaction(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      withAlice(db);
      MovingClock clock = new MovingClock();
      Connections connections = new Connections(db, clock);
      ConnectivityManager manager =
          new ConnectivityManager(connections, java.time.Duration.ofMinutes(5), clock);
      manager.connect(ALICE, address("10.0.0.11"), CONNECT);
      clock.now = clock.now.plusSeconds(299);
      manager.checkSequenceNumbers(ALICE, new SequenceCheckRequest(SequenceNumbers.NONE));
      clock.now = clock.now.plusSeconds(299);
      // 598 s after CONNECT: still connected, because the check restarted the timeout.
      manager.checkSequenceNumbers(ALICE, new SequenceCheckRequest(SequenceNumbers.NONE));
      assertEquals("CONNECTED", connections.find(ALICE).orElseThrow().state());
      clock.now = clock.now.plusSeconds(300);
      TransactionError e = assertThrows(TransactionError.class, () -> manager.disconnect(ALICE,
          new DisconnectRequest(SequenceNumbers.NONE)));
      assertEquals(ErrorCode.NOT_CONNECTED, e.code());
      var row = connections.find(ALICE).orElseThrow();
      assertEquals("CLOSED", row.state());
      assertNull(row.address());
      assertEquals(clock.now, row.disconnectedAt());
      assertTrue(manager.connect(ALICE, address("10.0.0.11"), CONNECT).granted());
    }
  }
}
