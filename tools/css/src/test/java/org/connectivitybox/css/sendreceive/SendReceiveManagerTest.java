package org.connectivitybox.css.sendreceive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.connectivity.ConnectivityManager;
import org.connectivitybox.css.connectivity.TransactionError;
import org.connectivitybox.css.store.AllowedHours;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.store.Database;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.SenderRule;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRules;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.store.TestDatabases;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.InterimMetering;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.SendRefusal;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRefusal;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.ErrorCode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The send/receive manager over the database, on H2 and (when configured) PostgreSQL: two
 * managers on one database stand for two CSS nodes.
 *
 * <pre>
 *   alice (10.0.0.1)            node A / node B              bob (10.0.0.2, port 4444)
 *    |-- SEND "bob" ----------->|  job ACTIVE                   |
 *    |<- ACCEPTED {n, bob} -----|                               |
 *    |                          |<-- VERIFY {n, 10.0.0.1} ------|
 *    |                          |--- CONFIRMED ---------------->|
 *    |-- FINAL --------------->|<--- FINAL (at the same time) --|
 *    |                          |  one billing record; job CLOSED
 * </pre>
 */
class SendReceiveManagerTest {
  static final CbId ALICE = CbId.of("cb-alice");
  static final CbId BOB = CbId.of("cb-bob");
  static final SendRequest TO_BOB = new SendRequest(CbName.of("bob"));

  static List<TestDatabases.Named> databases() {
    return TestDatabases.all();
  }

  static InetAddress ip(String literal) throws Exception {
    return InetAddress.getByName(literal);
  }

  /** Managers made by a test, closed after it. */
  static final List<SendReceiveManager> OPEN = new ArrayList<>();

  @AfterEach
  void closeManagers() {
    OPEN.forEach(SendReceiveManager::close);
    OPEN.clear();
  }

  /** One CSS node's managers over the database. */
  record Node(Repositories store, ConnectivityManager connectivity, SendReceiveManager jobs,
      RecordingWakeups wakeups) {
    static Node over(Database db, Clock clock) {
      return over(db, clock, SendReceiveManager.Settings.DEFAULTS, RecordingWakeups.failing());
    }

    static Node over(Database db, Clock clock, SendReceiveManager.Settings settings,
        RecordingWakeups wakeups) {
      Repositories store = Repositories.over(db, clock);
      ConnectivityManager c = new ConnectivityManager(store.connections(), clock);
      SendReceiveManager m = new SendReceiveManager(store, c, wakeups, settings, clock);
      OPEN.add(m);
      return new Node(store, c, m, wakeups);
    }

    /** SEND answered at once (the receiver is connected, or the SEND was refused). */
    SendResponse sendNow(CbId sender, InetAddress from, SendRequest request) {
      CompletableFuture<SendResponse> f = jobs.send(sender, from, request);
      try {
        return f.get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("SEND not answered: " + e, e);
      }
    }
  }

  static Node withAliceAndBob(Database db, Clock clock) throws Exception {
    return withAliceAndBob(Node.over(db, clock));
  }

  static Node withAliceAndBob(Node node) throws Exception {
    node.store.subscribers().create(SubscriberRecord.newSubscriber(ALICE, "alice",
        new TelephoneNumber("5550101"), ZoneId.of("UTC")));
    node.store.subscribers().create(SubscriberRecord.newSubscriber(BOB, "bob",
        new TelephoneNumber("5550102"), ZoneId.of("Europe/Brussels")));
    node.connectivity.connect(ALICE, ip("10.0.0.1"),
        new ConnectRequest(SequenceNumbers.NONE, 4443));
    return node;
  }

  static void connectBob(Node node) throws Exception {
    node.connectivity.connect(BOB, ip("10.0.0.2"), new ConnectRequest(SequenceNumbers.NONE, 4444));
  }

  static void rules(Node node, SubscriberRules rules) {
    node.store.subscribers().update(node.store.subscribers().find(BOB).orElseThrow()
        .withRules(rules));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aLinkupOnTwoNodesEndsInOneBillingRecord(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node a = withAliceAndBob(db, Clock.systemUTC());
      Node b = Node.over(db, Clock.systemUTC());
      connectBob(a);

      SendResponse accepted = a.sendNow(ALICE, ip("10.0.0.1"), TO_BOB);
      assertTrue(accepted.accepted(), accepted.toString());
      assertEquals(TransferAddress.of("10.0.0.2", 4444), accepted.receiverAddress());
      JobNumber n = accepted.jobNumber();
      assertEquals("ACTIVE", a.store.jobs().find(n.value()).orElseThrow().state());

      assertTrue(b.jobs.verify(BOB, new VerifyRequest(n, ip("10.0.0.1"))).confirmed());
      assertEquals(VerifyResponse.refused(VerifyRefusal.WRONG_SENDER),
          b.jobs.verify(BOB, new VerifyRequest(n, ip("10.0.0.66"))));
      assertEquals(VerifyResponse.refused(VerifyRefusal.UNKNOWN_JOB),
          b.jobs.verify(BOB, new VerifyRequest(JobNumber.of(n.value() + 1000), ip("10.0.0.1"))));
      assertEquals(VerifyResponse.refused(VerifyRefusal.NOT_THE_RECEIVER),
          a.jobs.verify(ALICE, new VerifyRequest(n, ip("10.0.0.1"))));

      a.jobs.metering(ALICE, new InterimMetering(n, 20_000, 1));
      b.jobs.metering(BOB, new InterimMetering(n, 20_000, 1));
      assertTrue(a.store.jobs().find(n.value()).orElseThrow().senderMetering().isEmpty());

      a.jobs.metering(ALICE, new FinalMetering(n, 61_000, 3, true));
      assertEquals("ACTIVE", a.store.jobs().find(n.value()).orElseThrow().state());
      assertThrows(IllegalStateException.class,
          () -> b.jobs.metering(ALICE, new FinalMetering(n, 61_000, 3, true)));
      b.jobs.metering(BOB, new FinalMetering(n, 61_000, 3, true));

      assertEquals("CLOSED", a.store.jobs().find(n.value()).orElseThrow().state());
      BillingRecord bill = a.store.billing().find(n.value()).orElseThrow();
      assertEquals(61_000, bill.bytes());
      assertEquals(3, bill.pages());
      assertEquals("COMPLETED", bill.result());
      TransactionError gone = assertThrows(TransactionError.class,
          () -> b.jobs.metering(BOB, new FinalMetering(n, 61_000, 3, true)));
      assertEquals(ErrorCode.UNKNOWN_JOB, gone.code());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void bothFinalsRacingOnTwoNodesPostOneBillingRecord(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      Node a = withAliceAndBob(db, Clock.systemUTC());
      Node b = Node.over(db, Clock.systemUTC());
      connectBob(a);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        for (int round = 0; round < 5; round++) {
          JobNumber n = a.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).jobNumber();
          CountDownLatch go = new CountDownLatch(1);
          List<Future<?>> all = new ArrayList<>();
          all.add(pool.submit(() -> {
            go.await();
            a.jobs.metering(ALICE, new FinalMetering(n, 100, 1, true));
            return null;
          }));
          all.add(pool.submit(() -> {
            go.await();
            b.jobs.metering(BOB, new FinalMetering(n, 100, 1, false));
            return null;
          }));
          go.countDown();
          for (Future<?> f : all) {
            f.get(30, TimeUnit.SECONDS);
          }
          long bills = a.store.billing().latest(1000).stream()
              .filter(r -> r.jobNumber() == n.value()).count();
          assertEquals(1, bills, "billing records of job " + n);
          assertEquals("FAILED", a.store.billing().find(n.value()).orElseThrow().result());
          assertEquals("CLOSED", a.store.jobs().find(n.value()).orElseThrow().state());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theSameFinalTwiceAtOnceIsTakenOnce(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node a = withAliceAndBob(db, Clock.systemUTC());
      Node b = Node.over(db, Clock.systemUTC());
      connectBob(a);
      JobNumber n = a.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).jobNumber();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> all = new ArrayList<>();
        for (Node node : List.of(a, b)) {
          all.add(pool.submit(() -> {
            go.await();
            try {
              node.jobs.metering(ALICE, new FinalMetering(n, 5, 1, true));
              return true;
            } catch (IllegalStateException e) {
              return false;
            }
          }));
        }
        go.countDown();
        int taken = 0;
        for (Future<Boolean> f : all) {
          taken += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, taken);
        assertEquals("ACTIVE", a.store.jobs().find(n.value()).orElseThrow().state());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theReceiversRecordAndRulesRefuseTyped(TestDatabases.Named kind) throws Exception {
    // 21:30 UTC is 22:30 in Brussels (winter): outside 08:00-20:00.
    Clock evening = Clock.fixed(Instant.parse("2026-11-25T21:30:00Z"), ZoneOffset.UTC);
    try (Database db = kind.kind().open()) {
      Node node = withAliceAndBob(db, evening);
      connectBob(node);
      assertEquals(SendRefusal.UNKNOWN_RECEIVER, node.sendNow(ALICE, ip("10.0.0.1"),
          new SendRequest(CbName.of("nobody"))).refusal());

      rules(node, new SubscriberRules(SenderRule.LIST, List.of(CbId.of("cb-carol")),
          AllowedHours.ALL_DAY));
      assertEquals(SendRefusal.SENDER_NOT_ALLOWED,
          node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).refusal());
      rules(node, new SubscriberRules(SenderRule.ADDRESS_BOOK, List.of(), AllowedHours.ALL_DAY));
      assertEquals(SendRefusal.SENDER_NOT_ALLOWED,
          node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).refusal());

      rules(node, new SubscriberRules(SenderRule.LIST, List.of(ALICE),
          AllowedHours.parse("08:00", "20:00")));
      assertEquals(SendRefusal.OUTSIDE_ALLOWED_HOURS,
          node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).refusal());
      rules(node, new SubscriberRules(SenderRule.LIST, List.of(ALICE),
          AllowedHours.parse("22:00", "06:00")));
      assertTrue(node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).accepted());

      node.store.subscribers().setStatus(BOB, SubscriberStatus.REVOKED);
      assertEquals(SendRefusal.NOT_A_VALID_SUBSCRIBER,
          node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).refusal());
      assertEquals(1, node.store.jobs().latest(100).size(), "refusals write no job");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aWakeupThatCannotBePlacedRefusesAndTheSenderMustBeConnected(
      TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = withAliceAndBob(db, Clock.systemUTC());
      assertEquals(SendRefusal.WAKEUP_FAILED,
          node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).refusal());
      assertEquals(List.of(BOB), node.wakeups.calledBoxes(), "the CBSS was asked to wake bob");
      var job = node.store.jobTransactions().find(
          node.store.jobs().latest(10).get(0).jobNumber()).orElseThrow();
      assertEquals("CLOSED", job.state());
      assertEquals("WAKEUP_FAILED", job.closeReason());
      assertEquals(0, node.jobs.heldSends());

      TransactionError e = assertThrows(TransactionError.class,
          () -> node.sendNow(BOB, ip("10.0.0.2"), new SendRequest(CbName.of("alice"))));
      assertEquals(ErrorCode.NOT_CONNECTED, e.code());
      e = assertThrows(TransactionError.class,
          () -> node.jobs.verify(BOB, new VerifyRequest(JobNumber.of(1), ip("10.0.0.1"))));
      assertEquals(ErrorCode.NOT_CONNECTED, e.code());
      e = assertThrows(TransactionError.class,
          () -> node.jobs.metering(BOB, new InterimMetering(JobNumber.of(1), 0, 0)));
      assertEquals(ErrorCode.NOT_CONNECTED, e.code());
    }
  }
}
