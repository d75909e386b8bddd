package org.connectivitybox.css.sendreceive;

import static org.connectivitybox.css.sendreceive.SendReceiveManagerTest.ALICE;
import static org.connectivitybox.css.sendreceive.SendReceiveManagerTest.BOB;
import static org.connectivitybox.css.sendreceive.SendReceiveManagerTest.TO_BOB;
import static org.connectivitybox.css.sendreceive.SendReceiveManagerTest.connectBob;
import static org.connectivitybox.css.sendreceive.SendReceiveManagerTest.ip;
import static org.connectivitybox.css.sendreceive.SendReceiveManagerTest.withAliceAndBob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.sendreceive.SendReceiveManagerTest.Node;
import org.connectivitybox.css.store.AddressBooks;
import org.connectivitybox.css.store.AllowedHours;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.store.Database;
import org.connectivitybox.css.store.LinkedJob;
import org.connectivitybox.css.store.SenderRule;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRules;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.store.TestDatabases;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.SendRefusal;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wakeup path of the send/receive manager (Figure 8 OPENING), on H2 and PostgreSQL: a SEND to
 * a receiver that is not connected is held until the woken receiver CONNECTs, the wakeup fails,
 * or the wakeup deadline passes; the job timeout bills an ACTIVE job that never finished. The
 * call-back signalling server is a recording collaborator here; the dialler through the PSTN
 * simulator is exercised by the Figure-10 integration test.
 */
class WakeupPathTest {
  static final CbId CAROL = CbId.of("cb-carol");

  static List<TestDatabases.Named> databases() {
    return TestDatabases.all();
  }

  @AfterEach
  void close() {
    SendReceiveManagerTest.OPEN.forEach(SendReceiveManager::close);
    SendReceiveManagerTest.OPEN.clear();
  }

  static SendReceiveManager.Settings timeouts(Duration wakeup, Duration job) {
    return new SendReceiveManager.Settings(wakeup, job, Duration.ofMillis(200));
  }

  static Node node(Database db, Duration wakeup, Duration job, RecordingWakeups w)
      throws Exception {
    return withAliceAndBob(Node.over(db, Clock.systemUTC(), timeouts(wakeup, job), w));
  }

  static SendResponse await(CompletableFuture<SendResponse> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  static LinkedJob job(Node node, long number) {
    return node.store().jobTransactions().find(number).orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSendIsHeldUntilTheWokenReceiverConnects(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofSeconds(60), Duration.ofHours(1),
          RecordingWakeups.placing());
      CompletableFuture<SendResponse> held = node.jobs().send(ALICE, ip("10.0.0.1"), TO_BOB);
      waitFor(() -> node.wakeups().calledBoxes().equals(List.of(BOB)), "bob is called");
      assertFalse(held.isDone(), "the SEND waits for bob");
      assertEquals(1, node.jobs().heldSends());
      long number = node.store().jobs().latest(1).get(0).jobNumber();
      assertEquals("OPENING", job(node, number).state());

      connectBob(node);
      SendResponse r = await(held);
      assertTrue(r.accepted(), r.toString());
      assertEquals(number, r.jobNumber().value());
      assertEquals(TransferAddress.of("10.0.0.2", 4444), r.receiverAddress());
      assertEquals("ACTIVE", job(node, number).state());
      assertEquals(0, node.jobs().heldSends());
      assertTrue(node.jobs().verify(BOB, new org.connectivitybox.protocols.sendreceive
          .VerifyRequest(r.jobNumber(), ip("10.0.0.1"))).confirmed());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aReceiverThatNeverCallsBackTimesTheSendOut(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofMillis(800), Duration.ofHours(1),
          RecordingWakeups.placing());
      SendResponse r = await(node.jobs().send(ALICE, ip("10.0.0.1"), TO_BOB));
      assertEquals(SendResponse.refused(SendRefusal.WAKEUP_TIMED_OUT), r);
      LinkedJob j = job(node, node.store().jobs().latest(1).get(0).jobNumber());
      assertEquals("CLOSED", j.state());
      assertEquals("WAKEUP_TIMED_OUT", j.closeReason());

      // Bob calling back late finds no job waiting for him.
      connectBob(node);
      assertEquals("CLOSED", job(node, j.number()).state());
      assertTrue(node.store().billing().latest(10).isEmpty(), "nothing is billed");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void twoSendersShareOneWakeupCall(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofSeconds(60), Duration.ofHours(1),
          RecordingWakeups.placing());
      node.store().subscribers().create(SubscriberRecord.newSubscriber(CAROL, "carol",
          new TelephoneNumber("5550103"), ZoneId.of("UTC")));
      node.connectivity().connect(CAROL, ip("10.0.0.3"),
          new ConnectRequest(SequenceNumbers.NONE, 4445));
      CompletableFuture<SendResponse> fromAlice = node.jobs().send(ALICE, ip("10.0.0.1"), TO_BOB);
      waitFor(() -> node.wakeups().calledBoxes().size() == 1, "bob is called once");
      CompletableFuture<SendResponse> fromCarol = node.jobs().send(CAROL, ip("10.0.0.3"), TO_BOB);
      waitFor(() -> node.jobs().heldSends() == 2, "both SENDs held");
      connectBob(node);
      SendResponse a = await(fromAlice);
      SendResponse c = await(fromCarol);
      assertTrue(a.accepted() && c.accepted(), a + " " + c);
      assertTrue(a.jobNumber().value() != c.jobNumber().value());
      assertEquals(List.of(BOB), node.wakeups().calledBoxes(), "one call for both jobs");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSenderThatConnectsAgainAbandonsItsHeldJob(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofSeconds(60), Duration.ofHours(1),
          RecordingWakeups.placing());
      CompletableFuture<SendResponse> held = node.jobs().send(ALICE, ip("10.0.0.1"), TO_BOB);
      waitFor(() -> node.wakeups().calledBoxes().size() == 1, "bob is called");
      long number = node.store().jobs().latest(1).get(0).jobNumber();
      // Alice's box restarted and connects anew: nobody waits for the old SEND any more.
      node.connectivity().connect(ALICE, ip("10.0.0.9"),
          new ConnectRequest(SequenceNumbers.NONE, 4443));
      assertEquals("CLOSED", job(node, number).state());
      assertEquals("SENDER_GONE", job(node, number).closeReason());
      assertFalse(await(held).accepted());
      connectBob(node);
      assertEquals("CLOSED", job(node, number).state(), "bob's CONNECT links nothing to it");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anActiveJobWithoutBothFinalsIsBilledAtTheJobTimeout(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofSeconds(60), Duration.ofMillis(700),
          RecordingWakeups.placing());
      connectBob(node);
      SendResponse r = node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB);
      node.jobs().metering(ALICE, new FinalMetering(r.jobNumber(), 4_000, 1, true));
      waitFor(() -> node.store().billing().find(r.jobNumber().value()).isPresent(),
          "the sweep bills the job");
      BillingRecord bill = node.store().billing().find(r.jobNumber().value()).orElseThrow();
      assertEquals("INCOMPLETE", bill.result());
      assertEquals(4_000, bill.bytes(), "the sender's count, the only one that came");
      LinkedJob j = job(node, r.jobNumber().value());
      assertEquals("CLOSED", j.state());
      assertEquals("JOB_TIMED_OUT", j.closeReason());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theAddressBookRuleAdmitsOnlyListedSenders(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofSeconds(60), Duration.ofHours(1),
          RecordingWakeups.placing());
      connectBob(node);
      node.store().subscribers().update(node.store().subscribers().find(BOB).orElseThrow()
          .withRules(new SubscriberRules(SenderRule.ADDRESS_BOOK, List.of(),
              AllowedHours.ALL_DAY)));
      node.store().addressBooks().replace(BOB,
          List.of(new AddressBooks.Entry("carol", "Carol")));
      assertEquals(SendRefusal.SENDER_NOT_ALLOWED,
          node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).refusal());
      node.store().addressBooks().replace(BOB, List.of(new AddressBooks.Entry("alice",
          "Auntie Alice"), new AddressBooks.Entry("carol", "Carol")));
      assertTrue(node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB).accepted());
      assertEquals(List.of(new AddressBooks.Entry("alice", "Auntie Alice"),
          new AddressBooks.Entry("carol", "Carol")), node.store().addressBooks().list(BOB));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void theReceiversConnectOnAnotherNodeAnswersTheHeldSend(TestDatabases.Named kind)
      throws Exception {
    assumeTrue(kind.name().equals("PostgreSQL"), "several nodes need a shared PostgreSQL");
    try (Database db = kind.kind().open()) {
      // A deadline far beyond the wait below: only the other node's NOTIFY can answer in time.
      Node a = node(db, Duration.ofMinutes(5), Duration.ofHours(1), RecordingWakeups.placing());
      Node b = Node.over(db, Clock.systemUTC(), timeouts(Duration.ofMinutes(5),
          Duration.ofHours(1)), RecordingWakeups.placing());
      CompletableFuture<SendResponse> held = a.jobs().send(ALICE, ip("10.0.0.1"), TO_BOB);
      waitFor(() -> a.wakeups().calledBoxes().size() == 1, "bob is called");
      b.connectivity().connect(BOB, ip("10.0.0.2"),
          new ConnectRequest(SequenceNumbers.NONE, 4444));
      SendResponse r = held.get(20, TimeUnit.SECONDS);
      assertTrue(r.accepted(), r.toString());
      assertEquals(TransferAddress.of("10.0.0.2", 4444), r.receiverAddress());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aSenderThatLostItsLineResumesFromItsNewAddress(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      Node node = node(db, Duration.ofSeconds(60), Duration.ofHours(1),
          RecordingWakeups.placing());
      connectBob(node);
      SendResponse r = node.sendNow(ALICE, ip("10.0.0.1"), TO_BOB);
      // Alice's line drops mid-transfer; she calls again and is leased another address.
      node.connectivity().connect(ALICE, ip("10.0.0.77"),
          new ConnectRequest(SequenceNumbers.NONE, 4443));
      assertEquals("ACTIVE", job(node, r.jobNumber().value()).state());
      var verify = new org.connectivitybox.protocols.sendreceive.VerifyRequest(r.jobNumber(),
          ip("10.0.0.77"));
      assertTrue(node.jobs().verify(BOB, verify).confirmed(), "the resumed set-up is verified");
      assertFalse(node.jobs().verify(BOB, new org.connectivitybox.protocols.sendreceive
          .VerifyRequest(r.jobNumber(), ip("10.0.0.1"))).confirmed(), "the old address is not");

      // Once her final METERING is in, she may DISCONNECT although bob's has not come yet.
      var disconnect = new org.connectivitybox.protocols.connection.DisconnectRequest(
          SequenceNumbers.NONE);
      assertFalse(node.connectivity().disconnect(ALICE, disconnect).confirmed(),
          "JOB_IN_PROGRESS before her final");
      node.jobs().metering(ALICE, new FinalMetering(r.jobNumber(), 10, 1, true));
      assertTrue(node.connectivity().disconnect(ALICE, disconnect).confirmed());
      assertFalse(node.connectivity().disconnect(BOB, disconnect).confirmed(),
          "bob still owes his final");
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(20);
    }
  }
}
