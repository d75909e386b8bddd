package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Refuse;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VERIFY refusal means B accepts no data; only CB certificates of the one root get in. */
class TransferRefusalTest {
  static final JobNumber JOB = JobNumber.of(17);
  final TransferFixture f = new TransferFixture();

  @Test
  void aWrongJobIsRefusedAndTheChunksSentBehindTheSetupAreNeverStored(@TempDir Path folder)
      throws Exception {
    // A (scripted)                    B                         CSS
    //  |--SETUP(job 99)--CHUNK(0)--CHUNK(1)-->|--verify(99, 127.0.0.2)-->|
    //  |                                      |<-------UNKNOWN_JOB-------|
    //  |<--REFUSE(UNKNOWN_JOB, 0)-- close ----|   (no byte of data read)
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    byte[] bytes = DocumentCodec.encode(TransferFixture.samples());
    JobNumber wrong = JobNumber.of(99);
    try (TransferReceiver b = f.receiver(folder).start();
        SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
      OutputStream out = a.getOutputStream();
      out.write(FrameCodec.encode(new Setup(1, wrong, InetAddress.getByName("127.0.0.2"),
          DocumentCodec.sha256(bytes), bytes.length, 2, 4096)));
      out.write(FrameCodec.encode(new Chunk(0, java.util.Arrays.copyOf(bytes, 4096))));
      out.write(FrameCodec.encode(new Chunk(1, java.util.Arrays.copyOfRange(bytes, 4096, 8192))));
      out.flush();
      InputStream in = a.getInputStream();
      Refuse refuse = assertInstanceOf(Refuse.class, FrameCodec.read(in));
      assertEquals(RefuseReason.UNKNOWN_JOB, refuse.reason());
      assertEquals(0, refuse.retryAfterSeconds());
      assertThrows(EOFException.class, () -> FrameCodec.read(in), "B closes after REFUSE");

      TransferOutcome.Refused atB =
          assertInstanceOf(TransferOutcome.Refused.class, f.recorder.nextOutcome());
      assertEquals(0, atB.counts().chunkBytesThisConnection());
      assertEquals(List.of(), TransferFixture.filesOf(folder, wrong), "no chunk stored");
      assertEquals(List.of("99@127.0.0.2"), f.css.calls);
      assertTrue(f.recorder.progress.isEmpty());
      assertTrue(f.recorder.documents.isEmpty());
    }
  }

  @Test
  void aWrongSenderAddressIsRefusedAndTheSenderGetsRefused(@TempDir Path folder)
      throws Exception {
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    try (TransferReceiver b = f.receiver(folder).start()) {
      TransferOutcome o = f.sender("127.0.0.3").build()
          .send(JOB, TransferFixture.samples(), TransferFixture.at(b));
      TransferOutcome.Refused refused = assertInstanceOf(TransferOutcome.Refused.class, o);
      assertEquals(RefuseReason.WRONG_SENDER, refused.reason());
      assertEquals(-1, refused.counts().resumedFromChunk());
      assertEquals(0, refused.counts().bytes());
      assertEquals(0, refused.counts().chunkBytesThisConnection());
      assertEquals(List.of("17@127.0.0.3"), f.css.calls);
      assertInstanceOf(TransferOutcome.Refused.class, f.recorder.nextOutcome());
      assertEquals(List.of(), TransferFixture.filesOf(folder, JOB), "no chunk stored");
    }
  }

  @Test
  void aVerifyThatCannotBeMadeIsARetryableRefusal(@TempDir Path folder) throws Exception {
    f.css.failure = "CSS unreachable";
    try (TransferReceiver b = f.receiver(folder).retryAfter(java.time.Duration.ofSeconds(30))
        .start()) {
      TransferOutcome o = f.sender("127.0.0.2").build()
          .send(JOB, TransferFixture.samples(), TransferFixture.at(b));
      TransferOutcome.Refused refused = assertInstanceOf(TransferOutcome.Refused.class, o);
      assertEquals(RefuseReason.VERIFY_FAILED, refused.reason());
      assertTrue(refused.reason().retryable());
      assertEquals(30, refused.retryAfterSeconds());
      assertTrue(refused.detail().contains("CSS unreachable"), refused.detail());
    }
  }

  @Test
  void aDocumentAboveTheReceiversLimitIsRefusedBeforeVerify(@TempDir Path folder)
      throws Exception {
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    try (TransferReceiver b = f.receiver(folder).maxDocumentBytes(10_000).start()) {
      TransferOutcome o = f.sender("127.0.0.2").build()
          .send(JOB, TransferFixture.samples(), TransferFixture.at(b));
      assertEquals(RefuseReason.TOO_LARGE,
          assertInstanceOf(TransferOutcome.Refused.class, o).reason());
      assertEquals(List.of(), f.css.calls);
    }
  }

  @Test
  void aSenderWithItsSerialNumberCertificateIsRefusedInTheHandshake(@TempDir Path folder)
      throws Exception {
    TestPki.Identity serial = f.pki.serialNumberIdentity(
        org.connectivitybox.protocols.tls.SerialNumber.of("CB26A-000001"), f.boxA.keys());
    refusedInHandshake(folder, f.pki.tlsContext(serial, CertificatePurpose.CB));
  }

  @Test
  void aSenderWithACertificateOfAnotherCaIsRefusedInTheHandshake(@TempDir Path folder)
      throws Exception {
    TestPki foreign = TestPki.create();
    TestPki.Identity impostor = foreign.cbIdentity("cb-a", foreign.newKeyPair());
    TlsContext tls = TlsContexts.builder().identity(impostor.privateKey(), impostor.chain())
        .trustAnchor(f.pki.rootCertificate()).acceptPeers(CertificatePurpose.CB).build();
    refusedInHandshake(folder, tls);
  }

  @Test
  void aReceiverWithoutACbCertificateIsRefusedByTheSender(@TempDir Path folder)
      throws Exception {
    TestPki.Identity css = f.pki.cssServerIdentity();
    TlsContext notABox = TlsContexts.builder().identity(css.privateKey(), css.chain())
        .trustAnchor(f.pki.rootCertificate()).acceptPeers(CertificatePurpose.CB).build();
    try (TransferReceiver b = TransferReceiver.builder().tls(notABox)
        .bind(InetAddress.getLoopbackAddress(), 0).folder(folder).verifier(f.css)
        .listener(f.recorder).start()) {
      TransferOutcome o = f.sender("127.0.0.2").build()
          .send(JOB, TransferFixture.samples(), TransferFixture.at(b));
      TransferOutcome.Failed failed = assertInstanceOf(TransferOutcome.Failed.class, o);
      assertEquals(FailureReason.HANDSHAKE_FAILED, failed.reason());
      assertFalse(failed.resumable());
    }
  }

  private void refusedInHandshake(Path folder, TlsContext senderTls) throws Exception {
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    Document document = TransferFixture.samples();
    try (TransferReceiver b = f.receiver(folder).start()) {
      TransferOutcome o = TransferSender.builder().tls(senderTls)
          .localAddress(InetAddress.getByName("127.0.0.2")).build()
          .send(JOB, document, TransferFixture.at(b));
      TransferOutcome.Failed failed = assertInstanceOf(TransferOutcome.Failed.class, o);
      // resumable only when no TLS alert arrived (B may close before A reads the alert)
      assertEquals(FailureReason.HANDSHAKE_FAILED, failed.reason(), failed.toString());
      TransferOutcome.Failed atB =
          assertInstanceOf(TransferOutcome.Failed.class, f.recorder.nextOutcome());
      assertEquals(FailureReason.HANDSHAKE_FAILED, atB.reason());
      assertEquals(List.of(), f.css.calls, "no VERIFY for a box that is not one");
      assertEquals(List.of(), TransferFixture.filesOf(folder, JOB));
      assertTrue(Files.list(folder).findAny().isEmpty());
    } catch (IOException e) {
      throw e;
    }
  }
}
