package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.junit.jupiter.api.Test;

/** The two state machines, transition by transition. */
class SessionTest {
  static final byte[] DIGEST = new byte[32];

  /** 1,300 bytes in chunks of 512: 512, 512, 276. */
  static Setup setup() throws Exception {
    return new Setup(1, JobNumber.of(5), InetAddress.getLoopbackAddress(), DIGEST, 1300, 1, 512);
  }

  @Test
  void theSenderGoesConnectingSettingUpQueuedSendingFinishingCompleted() throws Exception {
    SenderSession s = new SenderSession(setup(), 2);
    assertEquals(SenderSession.State.CONNECTING, s.state());
    s.connected();
    s.queued();
    assertEquals(SenderSession.State.QUEUED, s.state());
    s.accepted(1); // resume: chunk 0 is held
    assertEquals(512, s.bytesAcknowledged());
    assertTrue(s.maySend());
    s.chunkSent();
    s.chunkSent();
    assertFalse(s.maySend(), "no chunks left");
    s.acknowledged(1);
    assertFalse(s.allAcknowledged());
    s.acknowledged(2);
    assertTrue(s.allAcknowledged());
    assertEquals(512 + 276, s.chunkBytesSent());
    s.doneSent();
    s.completed();
    assertEquals(SenderSession.State.COMPLETED, s.state());
    s.failed(); // harmless once ended
    assertEquals(SenderSession.State.COMPLETED, s.state());
  }

  @Test
  void theSenderKeepsToItsWindowAndRefusesWrongEvents() throws Exception {
    SenderSession s = new SenderSession(setup(), 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.accepted(0));
    assertEquals("sender: ACCEPT is not allowed in state CONNECTING", e.getMessage());
    s.connected();
    assertThrows(MalformedMessageException.class, () -> s.accepted(4));
    s.accepted(0);
    s.chunkSent();
    assertFalse(s.maySend(), "window of one is full");
    assertThrows(IllegalStateException.class, s::chunkSent);
    assertThrows(MalformedMessageException.class, () -> s.acknowledged(1), "not sent yet");
    assertThrows(IllegalStateException.class, s::doneSent);
    assertThrows(IllegalStateException.class, s::queued);
    s.failed();
    assertEquals(SenderSession.State.FAILED, s.state());
    assertThrows(IllegalStateException.class, s::completed);
  }

  @Test
  void aRefusedSenderEndsRefused() throws Exception {
    SenderSession s = new SenderSession(setup(), 4);
    s.connected();
    s.refused();
    assertEquals(SenderSession.State.REFUSED, s.state());
    assertEquals(-1, s.resumedFrom());
  }

  @Test
  void theReceiverGoesFromSetupThroughVerifyToCompleted() throws Exception {
    ReceiverSession r = new ReceiverSession();
    assertThrows(IllegalStateException.class, r::confirmed, "no VERIFY before SETUP");
    r.setup(setup());
    assertEquals(ReceiverSession.State.VERIFYING, r.state());
    assertThrows(IllegalStateException.class, () -> r.admitted(0), "no data before VERIFY");
    r.confirmed();
    r.admitted(2);
    Chunk wrongIndex = new Chunk(1, new byte[512]);
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> r.check(wrongIndex));
    assertEquals("CHUNK: index 1 where chunk 2 is expected", e.getMessage());
    MalformedMessageException len =
        assertThrows(MalformedMessageException.class, () -> r.check(new Chunk(2, new byte[512])));
    assertEquals("CHUNK 2: 512 bytes where the SETUP gives 276", len.getMessage());
    Chunk last = new Chunk(2, new byte[276]);
    r.check(last);
    r.written(last);
    assertEquals(1024, r.bytesReceived(), "not durable yet");
    assertEquals(2, r.durable());
    assertEquals(1300, r.bytesReceived());
    r.done(DIGEST);
    r.completed();
    assertEquals(ReceiverSession.State.COMPLETED, r.state());
  }

  @Test
  void aReceiverRefusesBeforeDataAndRejectsAnEarlyOrWrongDone() throws Exception {
    ReceiverSession refused = new ReceiverSession();
    refused.setup(setup());
    refused.refused();
    assertEquals(ReceiverSession.State.REFUSED, refused.state());
    assertThrows(IllegalStateException.class, () -> refused.check(new Chunk(0, new byte[512])));

    ReceiverSession early = new ReceiverSession();
    early.setup(setup());
    early.confirmed();
    early.admitted(0);
    assertThrows(MalformedMessageException.class, () -> early.done(DIGEST));
    ReceiverSession wrong = new ReceiverSession();
    wrong.setup(setup());
    wrong.confirmed();
    wrong.admitted(3);
    byte[] other = new byte[32];
    other[0] = 1;
    assertThrows(MalformedMessageException.class, () -> wrong.done(other));
  }
}
