package org.connectivitybox.protocols.sendreceive;

import static org.connectivitybox.protocols.sendreceive.CssJob.State.ACTIVE;
import static org.connectivitybox.protocols.sendreceive.CssJob.State.CLOSED;
import static org.connectivitybox.protocols.sendreceive.CssJob.State.OPENING;
import static org.connectivitybox.protocols.sendreceive.CssJob.State.POSTING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

/** One test per transition and per timeout of Figure 8, and the rejected ones. */
class CssJobTest {
  static final Duration WAKEUP = Duration.ofSeconds(90);
  static final Duration JOB_LIMIT = Duration.ofHours(2);
  static final JobNumber JOB = JobNumber.of(17);
  static final CbId A = CbId.of("cb-a");
  static final CbId B = CbId.of("cb-b");
  static final CbName JO = CbName.of("jo12345678");
  static final TransferAddress B_AT = TransferAddress.of("198.51.100.7", 4443);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<Object> effects = new ArrayList<>();
  private final CssJob.Listener recorder = new CssJob.Listener() {
    @Override
    public void sendResponse(CssJob job, SendResponse r) {
      effects.add(r);
    }

    @Override
    public void wakeUp(CssJob job) {
      effects.add("wake up " + job.receiver());
    }

    @Override
    public void post(CssJob job, BillingRecord r) {
      effects.add(r);
    }

    @Override
    public void removed(CssJob job) {
      effects.add("removed " + job.number());
    }
  };

  static InetAddress aAddress() {
    try {
      return InetAddress.getByName("192.0.2.10");
    } catch (java.net.UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private CssJob open(ReceiverCheck check) {
    return CssJob.open(JOB, A, aAddress(), new SendRequest(JO), check,
        new CssJob.Timeouts(WAKEUP, JOB_LIMIT), time, time, recorder);
  }

  private CssJob active() {
    CssJob job = open(ReceiverCheck.connected(B, B_AT));
    effects.clear();
    return job;
  }

  @Test
  void aRefusedLookupAnswersTheSenderAndDestroysTheJob() {
    for (SendRefusal reason : List.of(SendRefusal.UNKNOWN_RECEIVER,
        SendRefusal.NOT_A_VALID_SUBSCRIBER, SendRefusal.SENDER_NOT_ALLOWED,
        SendRefusal.OUTSIDE_ALLOWED_HOURS)) {
      effects.clear();
      CssJob job = open(ReceiverCheck.refused(reason));
      assertEquals(CLOSED, job.state());
      assertEquals(List.of(SendResponse.refused(reason), "removed 17"), effects);
    }
  }

  @Test
  void aConnectedReceiverMakesTheJobActiveAtOnce() {
    CssJob job = open(ReceiverCheck.connected(B, B_AT));
    assertEquals(ACTIVE, job.state());
    assertEquals(List.of(SendResponse.accepted(JOB, B_AT)), effects);
  }

  @Test
  void aReceiverNotConnectedIsWokenUpAndTheJobWaitsInOpening() {
    CssJob job = open(ReceiverCheck.notConnected(B));
    assertEquals(OPENING, job.state());
    assertEquals(List.of("wake up cb-b"), effects);
    assertEquals(1, time.pending());
  }

  @Test
  void theWokenReceiverConnectingMakesTheJobActive() {
    CssJob job = open(ReceiverCheck.notConnected(B));
    effects.clear();
    time.advance(WAKEUP.minusSeconds(1));
    job.receiverConnected(B_AT);
    assertEquals(ACTIVE, job.state());
    assertEquals(B_AT, job.receiverAddress());
    assertEquals(List.of(SendResponse.accepted(JOB, B_AT)), effects);
    time.advance(Duration.ofSeconds(1));
    assertEquals(ACTIVE, job.state(), "the wakeup timer was cancelled");
  }

  @Test
  void aFailedWakeupCallRefusesTheSend() {
    CssJob job = open(ReceiverCheck.notConnected(B));
    effects.clear();
    job.wakeupFailed();
    assertEquals(CLOSED, job.state());
    assertEquals(List.of(SendResponse.refused(SendRefusal.WAKEUP_FAILED), "removed 17"), effects);
    assertEquals(0, time.pending());
  }

  @Test
  void theWakeupTimeoutRefusesTheSend() {
    CssJob job = open(ReceiverCheck.notConnected(B));
    effects.clear();
    time.advance(WAKEUP);
    assertEquals(CLOSED, job.state());
    assertEquals(List.of(SendResponse.refused(SendRefusal.WAKEUP_TIMED_OUT), "removed 17"),
        effects);
  }

  @Test
  void aJobWhoseSenderHasGoneIsAbandonedWithoutAResponse() {
    CssJob job = open(ReceiverCheck.notConnected(B));
    effects.clear();
    job.senderGone();
    assertEquals(CLOSED, job.state());
    assertEquals(List.of("removed 17"), effects);
    assertEquals(0, time.pending());
  }

  @Test
  void verifyConfirmsOnlyTheReceiverWithTheSendersAddressAndChangesNothing() throws Exception {
    CssJob job = active();
    assertEquals(VerifyResponse.CONFIRMED, job.verify(B, new VerifyRequest(JOB, aAddress())));
    assertEquals(VerifyRefusal.WRONG_SENDER, job.verify(B,
        new VerifyRequest(JOB, InetAddress.getByName("203.0.113.9"))).refusal());
    assertEquals(VerifyRefusal.NOT_THE_RECEIVER,
        job.verify(A, new VerifyRequest(JOB, aAddress())).refusal());
    assertEquals(VerifyRefusal.UNKNOWN_JOB,
        job.verify(B, new VerifyRequest(JobNumber.of(18), aAddress())).refusal());
    assertEquals(ACTIVE, job.state());
    assertEquals(List.of(), effects);
  }

  @Test
  void verifyBeforeTheJobIsActiveIsRefused() {
    CssJob job = open(ReceiverCheck.notConnected(B));
    assertEquals(VerifyRefusal.JOB_NOT_ACTIVE,
        job.verify(B, new VerifyRequest(JOB, aAddress())).refusal());
  }

  @Test
  void interimMeteringChangesNothing() {
    CssJob job = active();
    job.metering(A, new InterimMetering(JOB, 20_000, 1));
    job.metering(B, new InterimMetering(JOB, 20_000, 1));
    assertEquals(ACTIVE, job.state());
    assertEquals(List.of(), effects);
    assertTrue(job.awaitsFinalMeteringFrom(A));
  }

  /*
   * A            CSS            B
   * |--METERING final-->|          ACTIVE, A's final kept
   * |            |<--METERING final--|   POSTING, billing record posted once
   * |            |--post to SRMS-->
   * |            |   posted()          CLOSED, job removed
   */
  @Test
  void finalMeteringFromBothEndsPostsTheBillingRecordOnceAndRemovesTheJob() {
    CssJob job = active();
    FinalMetering fromA = new FinalMetering(JOB, 61_000, 3, true);
    FinalMetering fromB = new FinalMetering(JOB, 61_000, 3, true);
    job.metering(A, fromA);
    assertEquals(ACTIVE, job.state());
    assertFalse(job.awaitsFinalMeteringFrom(A));
    assertTrue(job.awaitsFinalMeteringFrom(B));
    assertEquals(List.of(), effects);
    time.advance(Duration.ofMinutes(3));
    job.metering(B, fromB);
    assertEquals(POSTING, job.state());
    BillingRecord r = (BillingRecord) effects.get(0);
    assertEquals(1, effects.size());
    assertTrue(r.complete());
    assertEquals(fromA, r.senderFinal());
    assertEquals(fromB, r.receiverFinal());
    assertEquals(Duration.ofMinutes(3), Duration.between(r.opened(), r.closed()));
    job.posted();
    assertEquals(CLOSED, job.state());
    assertEquals("removed 17", effects.get(1));
    assertEquals(0, time.pending());
  }

  @Test
  void theJobTimeoutPostsWhatCameAsAnIncompleteRecord() {
    CssJob job = active();
    job.metering(B, new FinalMetering(JOB, 10, 0, false));
    time.advance(JOB_LIMIT);
    assertEquals(POSTING, job.state());
    BillingRecord r = (BillingRecord) effects.get(0);
    assertFalse(r.complete());
    assertNull(r.senderFinal());
  }

  @Test
  void everyOtherEventIsRejected() {
    CssJob opening = open(ReceiverCheck.notConnected(B));
    assertRejected(() -> opening.metering(A, new InterimMetering(JOB, 1, 1)),
        "job 17: INTERIM_METERING is not allowed in state OPENING");
    assertRejected(opening::posted, "POSTED is not allowed in state OPENING");

    CssJob job = active();
    assertRejected(() -> job.receiverConnected(B_AT),
        "RECEIVER_CONNECTED is not allowed in state ACTIVE");
    assertRejected(job::wakeupFailed, "in state ACTIVE");
    assertRejected(job::senderGone, "SENDER_GONE is not allowed in state ACTIVE");
    assertRejected(job::posted, "in state ACTIVE");
    job.metering(A, new FinalMetering(JOB, 1, 1, true));
    assertRejected(() -> job.metering(A, new FinalMetering(JOB, 1, 1, true)),
        "final METERING from the SENDER already received");
    assertThrows(IllegalArgumentException.class,
        () -> job.metering(CbId.of("cb-c"), new InterimMetering(JOB, 1, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> job.metering(B, new InterimMetering(JobNumber.of(18), 1, 1)));
    job.metering(B, new FinalMetering(JOB, 1, 1, true));
    assertRejected(() -> job.metering(B, new InterimMetering(JOB, 1, 1)), "in state POSTING");
    job.posted();
    assertRejected(job::posted, "POSTED is not allowed in state CLOSED");
    assertEquals(VerifyRefusal.UNKNOWN_JOB,
        job.verify(B, new VerifyRequest(JOB, aAddress())).refusal());
  }

  private static void assertRejected(Runnable r, String expected) {
    IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
