package org.connectivitybox.protocols.sendreceive;

import static org.connectivitybox.protocols.sendreceive.CssJobTest.A;
import static org.connectivitybox.protocols.sendreceive.CssJobTest.B;
import static org.connectivitybox.protocols.sendreceive.CssJobTest.B_AT;
import static org.connectivitybox.protocols.sendreceive.CssJobTest.JO;
import static org.connectivitybox.protocols.sendreceive.CssJobTest.aAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

class CssSendReceiveManagerTest {
  private final VirtualScheduler time = new VirtualScheduler();
  private final AtomicLong next = new AtomicLong(100);
  private final List<Object> effects = new ArrayList<>();
  private final CssSendReceiveManager manager = new CssSendReceiveManager(
      () -> JobNumber.of(next.incrementAndGet()),
      new CssJob.Timeouts(Duration.ofSeconds(90), Duration.ofHours(1)), time, time,
      new CssJob.Listener() {
        @Override
        public void sendResponse(CssJob job, SendResponse r) {
          effects.add(job.sender() + " <- " + r);
        }

        @Override
        public void wakeUp(CssJob job) {
          effects.add("wake up " + job.receiver());
        }

        @Override
        public void post(CssJob job, BillingRecord r) {
          effects.add("post " + r.job());
          job.posted();
        }

        @Override
        public void removed(CssJob job) {
          effects.add("removed " + job.number());
        }
      });

  /*
   * Figure 10 at the CSS, two senders to one sleeping receiver:
   *   A --SEND(jo)--> CSS --wake up B-->      job 101 OPENING
   *   C --SEND(jo)--> CSS --wake up B-->      job 102 OPENING
   *   B --CONNECT--> CSS                      both jobs ACTIVE, A and C get positive SEND
   */
  @Test
  void severalSendersMayWaitForOneReceiver() {
    CbId c = CbId.of("cb-c");
    CssJob first = manager.send(A, aAddress(), new SendRequest(JO), ReceiverCheck.notConnected(B));
    CssJob second = manager.send(c, aAddress(), new SendRequest(JO),
        ReceiverCheck.notConnected(B));
    assertEquals(0, manager.receiverConnected(CbId.of("cb-x"), B_AT));
    assertEquals(2, manager.receiverConnected(B, B_AT));
    assertEquals(CssJob.State.ACTIVE, first.state());
    assertEquals(CssJob.State.ACTIVE, second.state());
    assertEquals(List.of("wake up cb-b", "wake up cb-b",
        "cb-a <- " + SendResponse.accepted(JobNumber.of(101), B_AT),
        "cb-c <- " + SendResponse.accepted(JobNumber.of(102), B_AT)), effects);
  }

  @Test
  void verifyAndMeteringAreRoutedByJobNumberAndTheJobIsForgottenWhenPosted() {
    CssJob job = manager.send(A, aAddress(), new SendRequest(JO), ReceiverCheck.connected(B, B_AT));
    JobNumber n = job.number();
    assertEquals(VerifyResponse.CONFIRMED, manager.verify(B, new VerifyRequest(n, aAddress())));
    assertEquals(VerifyRefusal.UNKNOWN_JOB,
        manager.verify(B, new VerifyRequest(JobNumber.of(5), aAddress())).refusal());
    assertTrue(manager.jobOpen(A));
    manager.metering(A, new FinalMetering(n, 9, 1, true));
    assertFalse(manager.jobOpen(A));
    assertTrue(manager.jobOpen(B));
    manager.metering(B, new FinalMetering(n, 9, 1, true));
    assertEquals(List.of("cb-a <- " + SendResponse.accepted(n, B_AT), "post 101", "removed 101"),
        effects);
    assertTrue(manager.job(n).isEmpty());
    assertThrows(IllegalArgumentException.class,
        () -> manager.metering(B, new InterimMetering(n, 1, 1)));
  }

  @Test
  void aRefusedOrTimedOutJobIsForgotten() {
    CssJob refused = manager.send(A, aAddress(), new SendRequest(JO),
        ReceiverCheck.refused(SendRefusal.UNKNOWN_RECEIVER));
    assertTrue(manager.job(refused.number()).isEmpty());
    CssJob waiting = manager.send(A, aAddress(), new SendRequest(JO),
        ReceiverCheck.notConnected(B));
    assertTrue(manager.job(waiting.number()).isPresent());
    time.advance(Duration.ofSeconds(90));
    assertTrue(manager.job(waiting.number()).isEmpty());
    assertEquals(0, manager.receiverConnected(B, B_AT));
  }

  @Test
  void onlyTheOpeningJobsOfASenderThatHasGoneAreAbandoned() {
    CssJob waiting = manager.send(A, aAddress(), new SendRequest(JO),
        ReceiverCheck.notConnected(B));
    CssJob active = manager.send(A, aAddress(), new SendRequest(JO),
        ReceiverCheck.connected(B, B_AT));
    assertEquals(0, manager.senderGone(B));
    assertEquals(1, manager.senderGone(A));
    assertEquals(CssJob.State.CLOSED, waiting.state());
    assertEquals(CssJob.State.ACTIVE, active.state());
    assertTrue(manager.job(waiting.number()).isEmpty());
  }
}
