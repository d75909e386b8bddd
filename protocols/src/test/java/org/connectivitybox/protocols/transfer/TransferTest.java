package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Box A sends to box B over real TLS sockets on loopback; A connects from 127.0.0.2 or
 * 127.0.0.3 so that B's VERIFY sees the address the CSS would know.
 *
 * <pre>
 *   A (127.0.0.2)                      B                                  CSS (fake)
 *    |==== TLS, CB certificates ======|                                    |
 *    |--SETUP(job, addr, sha256, …)-->|--verify(job, 127.0.0.2)----------->|
 *    |                                |<------------------------CONFIRMED--|
 *    |<-------------ACCEPT(next)------|                                    |
 *    |--CHUNK(i)--> … (window)        |  fsync                             |
 *    |<--------------------ACK(i)-----|                                    |
 *    |--DONE(sha256)----------------->|  digest checked, document handed over
 *    |<-----------COMPLETE(bytes,pages)                                    |
 * </pre>
 */
class TransferTest {
  static final JobNumber JOB = JobNumber.of(17);
  final TransferFixture f = new TransferFixture();

  @Test
  void aWholeDocumentArrivesWithItsDigestAndBothEndsMeterTheSame(@TempDir Path folder)
      throws Exception {
    Document document = TransferFixture.samples();
    byte[] bytes = DocumentCodec.encode(document);
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    List<TransferProgress> sent = new CopyOnWriteArrayList<>();
    try (TransferReceiver b = f.receiver(folder).start()) {
      TransferOutcome outcome = f.sender("127.0.0.2").progress(sent::add).build()
          .send(JOB, document, TransferFixture.at(b));

      TransferOutcome.Completed done = assertInstanceOf(TransferOutcome.Completed.class, outcome);
      ReceivedDocument received = f.recorder.documents.take();
      assertEquals(document, received.document());
      assertEquals(ReceivedDocument.hex(DocumentCodec.sha256(bytes)), received.sha256());
      assertEquals("cb-a", received.sender().value());
      assertEquals("127.0.0.2", received.senderAddress().getHostAddress());
      assertEquals(List.of("17@127.0.0.2"), f.css.calls);

      TransferOutcome atB = f.recorder.nextOutcome();
      assertInstanceOf(TransferOutcome.Completed.class, atB);
      FinalMetering meteredByA = done.counts().finalMetering(true);
      assertEquals(new FinalMetering(JOB, bytes.length, 2, true), meteredByA);
      assertEquals(meteredByA, atB.counts().finalMetering(true));
      assertEquals(0, done.counts().resumedFromChunk());
      assertEquals(bytes.length, done.counts().chunkBytesThisConnection());

      TransferProgress last = sent.get(sent.size() - 1);
      assertEquals(100, last.percent());
      assertEquals(2, last.pages());
      assertEquals(last.totalChunks(), last.chunks());
      assertTrue(sent.stream().anyMatch(p -> p.pages() == 1), "page 1 done before page 2");
      TransferProgress lastAtB = f.recorder.progress.get(f.recorder.progress.size() - 1);
      assertEquals(new TransferProgress(TransferProgress.Side.RECEIVER, JOB, bytes.length,
          bytes.length, 2, 2, last.totalChunks(), last.totalChunks()), lastAtB);
      assertEquals(List.of("job-17.complete"), TransferFixture.filesOf(folder, JOB),
          "the partial is gone, the completion is remembered");
    }
  }

  @Test
  void aDigestTheCallerComputedIsSentAndAWrongOneEndsInDigestMismatch(@TempDir Path folder)
      throws Exception {
    byte[] bytes = DocumentCodec.encode(TransferFixture.samples());
    byte[] digest = DocumentCodec.sha256(bytes);
    JobNumber other = JobNumber.of(18);
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    f.css.job(other, InetAddress.getByName("127.0.0.2"));
    try (TransferReceiver b = f.receiver(folder).start()) {
      TransferSender a = f.sender("127.0.0.2").build();
      assertInstanceOf(TransferOutcome.Completed.class,
          a.send(JOB, bytes, digest, TransferFixture.at(b)));
      assertEquals(ReceivedDocument.hex(digest), f.recorder.documents.take().sha256());

      byte[] wrong = digest.clone();
      wrong[0] ^= 1;
      TransferOutcome.Failed failed = assertInstanceOf(TransferOutcome.Failed.class,
          a.send(other, bytes, wrong, TransferFixture.at(b)));
      assertEquals(FailureReason.DIGEST_MISMATCH, failed.reason());
      assertEquals(List.of(), TransferFixture.filesOf(folder, other), "partial deleted");
    }
  }

  @Test
  void aDroppedLineResumesFromTheLastAcknowledgedChunkFromANewAddress(@TempDir Path folder)
      throws Exception {
    Document document = TransferFixture.samples();
    byte[] bytes = DocumentCodec.encode(document);
    // the CSS knows the sender at its first address, then (after it called again) at its second
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
    try (TransferReceiver b = f.receiver(folder).start();
        CutProxy line = new CutProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            b.port()), InetAddress.getByName("127.0.0.2"), bytes.length / 2)) {
      TransferOutcome first = f.sender("127.0.0.1").build()
          .send(JOB, document, TransferFixture.at(line.port()));
      TransferOutcome.Failed dropped = assertInstanceOf(TransferOutcome.Failed.class, first);
      assertEquals(FailureReason.CONNECTION_LOST, dropped.reason());
      assertTrue(dropped.resumable());
      TransferOutcome firstAtB = f.recorder.nextOutcome();
      assertInstanceOf(TransferOutcome.Failed.class, firstAtB);
      int held = (int) (firstAtB.counts().bytes() / 4096);
      assertTrue(held > 0, "B holds chunks: " + firstAtB.counts());
      assertTrue(dropped.counts().bytes() <= firstAtB.counts().bytes(),
          "A counts only what B acknowledged");
      assertEquals(List.of("job-17.chunks", "job-17.setup"), TransferFixture.filesOf(folder, JOB));

      // A calls again from a new address: B VERIFYs that address, then resumes
      TransferOutcome second = f.sender("127.0.0.3").build()
          .send(JOB, document, TransferFixture.at(b));
      TransferOutcome.Completed resumed = assertInstanceOf(TransferOutcome.Completed.class, second);
      assertEquals(held, resumed.counts().resumedFromChunk());
      assertEquals(bytes.length - (long) held * 4096, resumed.counts().chunkBytesThisConnection());
      assertTrue(resumed.counts().chunkBytesThisConnection() < bytes.length,
          "fewer bytes the second time");
      assertEquals(List.of("17@127.0.0.2", "17@127.0.0.3"), f.css.calls);
      ReceivedDocument received = f.recorder.documents.take();
      assertEquals(document, received.document());
      assertEquals(ReceivedDocument.hex(DocumentCodec.sha256(bytes)), received.sha256());
      assertEquals("127.0.0.3", received.senderAddress().getHostAddress());
      assertEquals(new FinalMetering(JOB, bytes.length, 2, true),
          resumed.counts().finalMetering(true));
      assertEquals(resumed.counts().finalMetering(true),
          f.recorder.nextOutcome().counts().finalMetering(true));
    }
  }

  @Test
  void aResumeFromAnAddressTheCssDoesNotConfirmIsRefusedAndThePartialIsKept(
      @TempDir Path folder) throws Exception {
    Document document = TransferFixture.samples();
    byte[] bytes = DocumentCodec.encode(document);
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    try (TransferReceiver b = f.receiver(folder).start();
        CutProxy line = new CutProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(),
            b.port()), InetAddress.getByName("127.0.0.2"), bytes.length / 2)) {
      assertInstanceOf(TransferOutcome.Failed.class, f.sender("127.0.0.1").build()
          .send(JOB, document, TransferFixture.at(line.port())));
      f.recorder.nextOutcome();
      long heldBefore = java.nio.file.Files.size(folder.resolve("job-17.chunks"));

      TransferOutcome stranger = f.sender("127.0.0.4").build()
          .send(JOB, document, TransferFixture.at(b));
      TransferOutcome.Refused refused = assertInstanceOf(TransferOutcome.Refused.class, stranger);
      assertEquals(RefuseReason.WRONG_SENDER, refused.reason());
      assertEquals(0, refused.counts().chunkBytesThisConnection());
      assertEquals(heldBefore, java.nio.file.Files.size(folder.resolve("job-17.chunks")));
      assertTrue(f.recorder.documents.isEmpty());
    }
  }

  @Test
  void aSenderThatLostCompleteIsToldCompleteAgainWithoutASecondPrint(@TempDir Path folder)
      throws Exception {
    Document document = TransferFixture.samples();
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    try (TransferReceiver b = f.receiver(folder).start()) {
      TransferSender a = f.sender("127.0.0.2").build();
      assertInstanceOf(TransferOutcome.Completed.class, a.send(JOB, document,
          TransferFixture.at(b)));
      TransferOutcome again = a.send(JOB, document, TransferFixture.at(b));
      TransferOutcome.Completed c = assertInstanceOf(TransferOutcome.Completed.class, again);
      assertEquals(0, c.counts().chunkBytesThisConnection());
      f.recorder.documents.take();
      Thread.sleep(100);
      assertTrue(f.recorder.documents.isEmpty(), "delivered once");
    }
  }

  @Test
  void aNewConnectionForTheSameJobTakesOverOneTheReceiverStillThinksIsOpen(
      @TempDir Path folder) throws Exception {
    Document document = TransferFixture.samples();
    byte[] bytes = DocumentCodec.encode(document);
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"));
    try (TransferReceiver b = f.receiver(folder).start();
        javax.net.ssl.SSLSocket old = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
      // the old line: one chunk acknowledged, then silence (B has not noticed the drop)
      FrameCodec.write(old.getOutputStream(), new TransferMessage.Setup(1, JOB,
          InetAddress.getByName("127.0.0.2"), DocumentCodec.sha256(bytes), bytes.length, 2, 4096));
      assertEquals(new TransferMessage.Accept(0), FrameCodec.read(old.getInputStream()));
      FrameCodec.write(old.getOutputStream(),
          new TransferMessage.Chunk(0, java.util.Arrays.copyOf(bytes, 4096)));
      assertEquals(new TransferMessage.Ack(0), FrameCodec.read(old.getInputStream()));

      TransferOutcome o = f.sender("127.0.0.3").build().send(JOB, document, TransferFixture.at(b));
      assertEquals(1, assertInstanceOf(TransferOutcome.Completed.class, o).counts()
          .resumedFromChunk());
      TransferOutcome.Failed superseded =
          assertInstanceOf(TransferOutcome.Failed.class, f.recorder.nextOutcome());
      assertEquals(FailureReason.SUPERSEDED, superseded.reason());
      assertEquals(document, f.recorder.documents.take().document());
    }
  }
}
