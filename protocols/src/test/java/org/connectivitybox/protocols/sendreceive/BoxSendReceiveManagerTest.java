package org.connectivitybox.protocols.sendreceive;

import static org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager.State.IDLE;
import static org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager.State.RECEIVING;
import static org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager.State.SENDING;
import static org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager.State.SEND_REQUESTED;
import static org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager.State.VERIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager.Outcome;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** One test per transition and per timeout of Figure 4, and the rejected ones. */
class BoxSendReceiveManagerTest {
  private static final Duration STALL = Duration.ofSeconds(60);
  private static final JobNumber JOB = JobNumber.of(17);
  private static final CbName JO = CbName.of("jo12345678");
  private static final TransferAddress B = TransferAddress.of("198.51.100.7", 4443);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<Object> effects = new ArrayList<>();
  private final BoxSendReceiveManager m = new BoxSendReceiveManager(STALL, time,
      new BoxSendReceiveManager.Listener() {
        @Override
        public void sendSend(SendRequest r) {
          effects.add(r);
        }

        @Override
        public void sendVerify(VerifyRequest r) {
          effects.add(r);
        }

        @Override
        public void sendMetering(Metering r) {
          effects.add(r);
        }

        @Override
        public void startTransfer(JobNumber job, TransferAddress to) {
          effects.add("start " + job + " to " + to);
        }

        @Override
        public void acceptTransfer(JobNumber job) {
          effects.add("accept " + job);
        }

        @Override
        public void abortTransfer(JobNumber job) {
          effects.add("abort " + job);
        }

        @Override
        public void jobEnded(JobNumber job, Outcome outcome, Enum<?> reason) {
          effects.add("ended " + job + " " + outcome + (reason == null ? "" : " " + reason));
        }
      });

  private InetAddress sender() throws Exception {
    return InetAddress.getByName("192.0.2.10");
  }

  private void sending() {
    m.send(JO);
    m.onSendResponse(SendResponse.accepted(JOB, B));
    effects.clear();
  }

  private void receiving() throws Exception {
    m.onTransferSetUp(JOB, sender());
    m.onVerifyResponse(VerifyResponse.CONFIRMED);
    effects.clear();
  }

  @Test
  void sendAsksTheCssForTheReceiverByCbName() {
    m.send(JO);
    assertEquals(SEND_REQUESTED, m.state());
    assertEquals(List.of(new SendRequest(JO)), effects);
  }

  @Test
  void aPositiveSendResponseStartsTheTransferToTheReceiversAddress() {
    m.send(JO);
    effects.clear();
    m.onSendResponse(SendResponse.accepted(JOB, B));
    assertEquals(SENDING, m.state());
    assertEquals(JOB, m.job());
    assertEquals(List.of("start 17 to 198.51.100.7 port 4443"), effects);
  }

  @Test
  void aNegativeSendResponseEndsTheJobWithTheReason() {
    m.send(JO);
    effects.clear();
    m.onSendResponse(SendResponse.refused(SendRefusal.OUTSIDE_ALLOWED_HOURS));
    assertEquals(IDLE, m.state());
    assertEquals(List.of("ended null SEND_REFUSED OUTSIDE_ALLOWED_HOURS"), effects);
  }

  /*
   * sender box           CSS
   *   |--SEND------------>|
   *   |<---SEND (job 17)--|
   *   |==== data ========>| (to B)
   *   |--METERING interim>|   stays SENDING
   *   |--METERING final-->|   IDLE
   */
  @Test
  void interimMeteringKeepsSendingAndFinalMeteringEndsTheJob() {
    sending();
    m.interimMetering(20_000, 1);
    assertEquals(SENDING, m.state());
    m.transferEnded(61_000, 3, true);
    assertEquals(IDLE, m.state());
    assertNull(m.job());
    assertEquals(List.of(new InterimMetering(JOB, 20_000, 1),
        new FinalMetering(JOB, 61_000, 3, true), "ended 17 TRANSFERRED"), effects);
    assertEquals(0, time.pending());
  }

  @Test
  void aFailedTransferIsReportedInTheFinalMetering() {
    sending();
    m.transferEnded(1_000, 0, false);
    assertEquals(List.of(new FinalMetering(JOB, 1_000, 0, false), "ended 17 TRANSFER_FAILED"),
        effects);
  }

  @Test
  void aTransferSetUpIsVerifiedWithTheCss() throws Exception {
    m.onTransferSetUp(JOB, sender());
    assertEquals(VERIFY, m.state());
    assertEquals(List.of(new VerifyRequest(JOB, sender())), effects);
  }

  @Test
  void aConfirmedVerifyStartsReceiving() throws Exception {
    m.onTransferSetUp(JOB, sender());
    effects.clear();
    m.onVerifyResponse(VerifyResponse.CONFIRMED);
    assertEquals(RECEIVING, m.state());
    assertEquals(List.of("accept 17"), effects);
  }

  @Test
  void aRefusedVerifyRejectsTheSetUp() throws Exception {
    m.onTransferSetUp(JOB, sender());
    effects.clear();
    m.onVerifyResponse(VerifyResponse.refused(VerifyRefusal.WRONG_SENDER));
    assertEquals(IDLE, m.state());
    assertEquals(List.of("abort 17", "ended 17 VERIFY_REFUSED WRONG_SENDER"), effects);
  }

  @Test
  void theReceiverMetersToo() throws Exception {
    receiving();
    m.interimMetering(5, 0);
    assertEquals(RECEIVING, m.state());
    m.transferEnded(61_000, 3, true);
    assertEquals(IDLE, m.state());
    assertEquals(new FinalMetering(JOB, 61_000, 3, true), effects.get(1));
  }

  @Test
  void aFailedExchangeEndsTheWaitForSendOrVerify() throws Exception {
    m.send(JO);
    m.exchangeFailed();
    assertEquals(IDLE, m.state());
    m.onTransferSetUp(JOB, sender());
    effects.clear();
    m.exchangeFailed();
    assertEquals(IDLE, m.state());
    assertEquals(List.of("abort 17", "ended 17 EXCHANGE_FAILED"), effects);
  }

  @Test
  void aStalledTransferIsAbandonedWithAnUnsuccessfulFinalMetering() {
    sending();
    time.advance(Duration.ofSeconds(50));
    m.interimMetering(20_000, 1);
    time.advance(Duration.ofSeconds(59));
    assertEquals(SENDING, m.state(), "interim metering restarted the stall timer");
    effects.clear();
    time.advance(Duration.ofSeconds(1));
    assertEquals(IDLE, m.state());
    assertEquals(List.of("abort 17", new FinalMetering(JOB, 20_000, 1, false),
        "ended 17 STALLED"), effects);
  }

  @Test
  void aStalledReceptionIsAbandonedToo() throws Exception {
    receiving();
    time.advance(STALL);
    assertEquals(IDLE, m.state());
    assertEquals(new FinalMetering(JOB, 0, 0, false), effects.get(1));
  }

  @Test
  void everyOtherEventIsRejectedWithTheCurrentState() throws Exception {
    assertRejected(() -> m.onSendResponse(SendResponse.accepted(JOB, B)),
        "SEND_ACCEPTED is not allowed in state IDLE");
    assertRejected(() -> m.onVerifyResponse(VerifyResponse.CONFIRMED), "in state IDLE");
    assertRejected(() -> m.interimMetering(1, 1), "INTERIM_METERING is not allowed in state IDLE");
    assertRejected(() -> m.transferEnded(1, 1, true), "in state IDLE");
    assertRejected(m::exchangeFailed, "in state IDLE");
    m.send(JO);
    assertRejected(() -> m.send(JO), "SEND is not allowed in state SEND_REQUESTED");
    assertRejected(() -> m.onTransferSetUp(JOB, sender()), "in state SEND_REQUESTED");
    assertRejected(() -> m.interimMetering(1, 1), "in state SEND_REQUESTED");
    m.onSendResponse(SendResponse.accepted(JOB, B));
    assertRejected(() -> m.onTransferSetUp(JOB, sender()), "SET_UP is not allowed in state "
        + "SENDING");
    assertRejected(m::exchangeFailed, "in state SENDING");
    m.transferEnded(1, 1, true);
    m.onTransferSetUp(JOB, sender());
    assertRejected(() -> m.transferEnded(1, 1, true), "in state VERIFY");
    assertRejected(() -> m.onSendResponse(SendResponse.accepted(JOB, B)), "in state VERIFY");
    m.onVerifyResponse(VerifyResponse.CONFIRMED);
    assertRejected(() -> m.onVerifyResponse(VerifyResponse.CONFIRMED), "in state RECEIVING");
    assertRejected(() -> m.send(JO), "in state RECEIVING");
  }

  private static void assertRejected(Action r, String expected) {
    IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  private interface Action {
    void run() throws Exception;
  }
}
