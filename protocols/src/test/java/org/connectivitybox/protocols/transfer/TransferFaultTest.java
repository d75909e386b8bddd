package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.connectivitybox.protocols.transfer.TransferMessage.Accept;
import org.connectivitybox.protocols.transfer.TransferMessage.Ack;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Done;
import org.connectivitybox.protocols.transfer.TransferMessage.Failed;
import org.connectivitybox.protocols.transfer.TransferMessage.Refuse;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Digest mismatch, malformed frames and every timeout, on both sides. */
class TransferFaultTest {
  static final JobNumber JOB = JobNumber.of(17);
  static final TransferTimeouts SHORT =
      new TransferTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(5));
  final TransferFixture f = new TransferFixture();

  Setup setup(byte[] document, byte[] digest) throws Exception {
    return new Setup(1, JOB, InetAddress.getByName("127.0.0.2"), digest, document.length, 2, 4096);
  }

  @Test
  void dataThatDoesNotHaveTheSetupsDigestFailsAndThePartialIsDiscarded(@TempDir Path folder)
      throws Exception {
    // A (scripted)                      B
    //  |--SETUP(sha256 of X)----------->|  VERIFY confirmed
    //  |<-------------------ACCEPT(0)---|
    //  |--CHUNK(0..n-1) of X' (1 byte changed)-->|  ACK each
    //  |--DONE(sha256 of X)------------>|  sha256(X') != sha256(X)
    //  |<--FAILED(DIGEST_MISMATCH, not resumable)-- partial deleted
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    byte[] x = DocumentCodec.encode(TransferFixture.samples());
    byte[] tampered = x.clone();
    tampered[x.length - 10] ^= 1;
    try (TransferReceiver b = f.receiver(folder).start();
        SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
      OutputStream out = a.getOutputStream();
      InputStream in = a.getInputStream();
      Setup setup = setup(x, DocumentCodec.sha256(x));
      FrameCodec.write(out, setup);
      assertEquals(new Accept(0), FrameCodec.read(in));
      for (int i = 0; i < setup.chunkCount(); i++) {
        FrameCodec.write(out, new Chunk(i, Arrays.copyOfRange(tampered, i * 4096,
            i * 4096 + setup.chunkLength(i))));
        assertEquals(new Ack(i), FrameCodec.read(in));
      }
      assertEquals(List.of("job-17.chunks", "job-17.setup"), TransferFixture.filesOf(folder, JOB));
      FrameCodec.write(out, new Done(DocumentCodec.sha256(x)));
      Failed failed = assertInstanceOf(Failed.class, FrameCodec.read(in));
      assertEquals(FailureReason.DIGEST_MISMATCH, failed.reason());
      assertFalse(failed.resumable());
      TransferOutcome.Failed atB =
          assertInstanceOf(TransferOutcome.Failed.class, f.recorder.nextOutcome());
      assertEquals(FailureReason.DIGEST_MISMATCH, atB.reason());
      assertEquals(List.of(), TransferFixture.filesOf(folder, JOB), "partial discarded");
      assertTrue(f.recorder.documents.isEmpty());
    }
  }

  @Test
  void garbageInsteadOfASetupIsAProtocolErrorBeforeAnyVerify(@TempDir Path folder)
      throws Exception {
    try (TransferReceiver b = f.receiver(folder).start();
        SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
      a.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      Failed failed = assertInstanceOf(Failed.class, FrameCodec.read(a.getInputStream()));
      assertEquals(FailureReason.PROTOCOL_ERROR, failed.reason());
      assertEquals("frame: unknown type 0x47", failed.detail());
      assertThrows(EOFException.class, () -> FrameCodec.read(a.getInputStream()));
      assertEquals(List.of(), f.css.calls);
    }
  }

  @Test
  void aChunkBeforeTheSetupOrOutOfOrderIsAProtocolError(@TempDir Path folder) throws Exception {
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    byte[] x = DocumentCodec.encode(TransferFixture.samples());
    try (TransferReceiver b = f.receiver(folder).start()) {
      try (SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
        FrameCodec.write(a.getOutputStream(), new Chunk(0, new byte[10]));
        Failed failed = assertInstanceOf(Failed.class, FrameCodec.read(a.getInputStream()));
        assertEquals("CHUNK where SETUP is expected", failed.detail());
      }
      try (SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
        FrameCodec.write(a.getOutputStream(), setup(x, DocumentCodec.sha256(x)));
        assertEquals(new Accept(0), FrameCodec.read(a.getInputStream()));
        FrameCodec.write(a.getOutputStream(), new Chunk(5, new byte[4096]));
        Failed failed = assertInstanceOf(Failed.class, FrameCodec.read(a.getInputStream()));
        assertEquals(FailureReason.PROTOCOL_ERROR, failed.reason());
        assertEquals("CHUNK: index 5 where chunk 0 is expected", failed.detail());
      }
      try (SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
        a.getOutputStream().write(new byte[] {0x01, 0, 0, 0, 1, 2}); // SETUP version 2
        Refuse refuse = assertInstanceOf(Refuse.class, FrameCodec.read(a.getInputStream()));
        assertEquals(RefuseReason.UNSUPPORTED_VERSION, refuse.reason());
      }
    }
  }

  @Test
  void aSenderToldSomethingOutOfTurnFailsWithAProtocolError() throws Exception {
    try (FakeReceiver b = new FakeReceiver((in, out) -> {
      try {
        FrameCodec.read(in);
        FrameCodec.write(out, new Ack(3)); // ACK before ACCEPT
        FrameCodec.read(in);
      } catch (Exception e) {
        // the sender hangs up
      }
    })) {
      TransferOutcome o = f.sender("127.0.0.2").build()
          .send(JOB, TransferFixture.samples(), TransferFixture.at(b.port()));
      TransferOutcome.Failed failed = assertInstanceOf(TransferOutcome.Failed.class, o);
      assertEquals(FailureReason.PROTOCOL_ERROR, failed.reason());
      assertEquals("unexpected ACK in state SETTING_UP", failed.detail());
    }
  }

  @Test
  void aSilentSenderTimesOutPerFrameAtTheReceiverWhichKeepsThePartial(@TempDir Path folder)
      throws Exception {
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    byte[] x = DocumentCodec.encode(TransferFixture.samples());
    try (TransferReceiver b = f.receiver(folder).timeouts(SHORT).start()) {
      try (SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
        Failed failed = assertInstanceOf(Failed.class, FrameCodec.read(a.getInputStream()));
        assertEquals(FailureReason.TIMEOUT, failed.reason());
        assertEquals(FailureReason.TIMEOUT,
            ((TransferOutcome.Failed) f.recorder.nextOutcome()).reason());
      }
      try (SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
        FrameCodec.write(a.getOutputStream(), setup(x, DocumentCodec.sha256(x)));
        assertEquals(new Accept(0), FrameCodec.read(a.getInputStream()));
        FrameCodec.write(a.getOutputStream(), new Chunk(0, Arrays.copyOf(x, 4096)));
        assertEquals(new Ack(0), FrameCodec.read(a.getInputStream()));
        Failed failed = assertInstanceOf(Failed.class, FrameCodec.read(a.getInputStream()));
        assertEquals(FailureReason.TIMEOUT, failed.reason());
        assertTrue(failed.resumable());
        TransferOutcome atB = f.recorder.nextOutcome();
        assertEquals(4096, atB.counts().bytes());
        assertEquals(List.of("job-17.chunks", "job-17.setup"), TransferFixture.filesOf(folder, JOB));
      }
    }
  }

  @Test
  void aSilentReceiverTimesOutPerFrameAtTheSender() throws Exception {
    try (FakeReceiver b = new FakeReceiver((in, out) -> {
      try {
        FrameCodec.read(in);
        Thread.sleep(5_000);
      } catch (Exception e) {
        // the sender hangs up
      }
    })) {
      TransferOutcome o = f.sender("127.0.0.2").timeouts(SHORT).build()
          .send(JOB, TransferFixture.samples(), TransferFixture.at(b.port()));
      TransferOutcome.Failed failed = assertInstanceOf(TransferOutcome.Failed.class, o);
      assertEquals(FailureReason.TIMEOUT, failed.reason());
      assertTrue(failed.resumable());
      assertTrue(failed.detail().contains("PT1S"), failed.detail());
    }
  }

  @Test
  void theOverallDeadlineEndsASenderWhoseReceiverKeepsItWaiting() throws Exception {
    VirtualScheduler time = new VirtualScheduler();
    CountDownLatch setupArrived = new CountDownLatch(1);
    try (FakeReceiver b = new FakeReceiver((in, out) -> {
      try {
        FrameCodec.read(in);
        setupArrived.countDown();
        Thread.sleep(20_000);
      } catch (Exception e) {
        // closed
      }
    })) {
      TransferTimeouts t = new TransferTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
          Duration.ofMinutes(10));
      CompletableFuture<TransferOutcome> o = CompletableFuture.supplyAsync(() -> {
        try {
          return f.sender("127.0.0.2").timeouts(t).scheduler(time).build()
              .send(JOB, TransferFixture.samples(), TransferFixture.at(b.port()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(setupArrived.await(10, TimeUnit.SECONDS));
      time.advance(Duration.ofMinutes(9));
      assertFalse(o.isDone());
      time.advance(Duration.ofMinutes(1));
      TransferOutcome.Failed failed =
          assertInstanceOf(TransferOutcome.Failed.class, o.get(10, TimeUnit.SECONDS));
      assertEquals(FailureReason.TIMEOUT, failed.reason());
      assertTrue(failed.detail().contains("overall deadline"), failed.detail());
    }
  }

  @Test
  void theOverallDeadlineEndsAReceiverConnectionThatTrickles(@TempDir Path folder)
      throws Exception {
    VirtualScheduler time = new VirtualScheduler();
    f.css.job(JOB, InetAddress.getByName("127.0.0.2"));
    byte[] x = DocumentCodec.encode(TransferFixture.samples());
    try (TransferReceiver b = f.receiver(folder).scheduler(time).start();
        SSLSocket a = TransferFixture.rawClient(f.tlsA, b.port(), "127.0.0.2")) {
      FrameCodec.write(a.getOutputStream(), setup(x, DocumentCodec.sha256(x)));
      assertEquals(new Accept(0), FrameCodec.read(a.getInputStream()));
      time.advance(TransferTimeouts.DEFAULTS.overall());
      assertThrows(java.io.IOException.class, () -> FrameCodec.read(a.getInputStream()));
      TransferOutcome.Failed atB =
          assertInstanceOf(TransferOutcome.Failed.class, f.recorder.nextOutcome());
      assertEquals(FailureReason.TIMEOUT, atB.reason());
    }
  }

  /** A TLS server with B's identity that plays a scripted receiver for one connection. */
  final class FakeReceiver implements AutoCloseable {
    final SSLServerSocket server;

    FakeReceiver(BiConsumer<InputStream, OutputStream> script) throws Exception {
      server = f.tlsB.newServerSocket(InetAddress.getLoopbackAddress(), 0, 1);
      Thread t = new Thread(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
          script.accept(s.getInputStream(), s.getOutputStream());
        } catch (Exception e) {
          // test over
        }
      }, "fake-receiver");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
    }
  }
}
