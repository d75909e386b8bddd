package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several senders at one receiver (the specification: "regulated by the data transfer protocol,
 * for example by queuing"): one transfer at a time, one waiting with WAIT frames, the next one
 * refused BUSY with a retry delay.
 */
class TransferQueueTest {
  final TransferFixture f = new TransferFixture();

  @Test
  void oneReceivesOneWaitsItsTurnAndTheNextIsToldToRetryLater(@TempDir Path folder)
      throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.2");
    for (int job = 1; job <= 3; job++) {
      f.css.job(JobNumber.of(job), a);
    }
    Document document = TransferFixture.samples();
    f.recorder.gate = new Semaphore(0); // the printer is busy with the first document
    TransferTimeouts receiverTimeouts = new TransferTimeouts(Duration.ofSeconds(5),
        Duration.ofSeconds(3), Duration.ofMinutes(5)); // WAIT every second
    TransferTimeouts patient = new TransferTimeouts(Duration.ofSeconds(5),
        Duration.ofSeconds(30), Duration.ofMinutes(5));
    TransferTimeouts impatient = new TransferTimeouts(Duration.ofSeconds(5),
        Duration.ofMillis(1500), Duration.ofMinutes(5));
    try (TransferReceiver b = f.receiver(folder).concurrentTransfers(1).queueLength(1)
        .retryAfter(Duration.ofSeconds(45)).timeouts(receiverTimeouts).start()) {
      TransferSender sender = f.sender("127.0.0.2").timeouts(patient).build();
      CompletableFuture<TransferOutcome> first = CompletableFuture.supplyAsync(
          () -> sender.send(JobNumber.of(1), document, TransferFixture.at(b)));
      waitFor(() -> f.recorder.progress.stream().anyMatch(p -> p.job().value() == 1
          && p.chunks() == p.totalChunks()), "job 1 received whole");
      // job 2's sender gives up after 1.5 s without a frame: only WAIT keeps it there
      TransferSender waiting = f.sender("127.0.0.2").timeouts(impatient).build();
      CompletableFuture<TransferOutcome> second = CompletableFuture.supplyAsync(
          () -> waiting.send(JobNumber.of(2), document, TransferFixture.at(b)));
      waitFor(() -> b.queued() == 1, "job 2 queued");
      Thread.sleep(2500);
      assertTrue(!second.isDone(), "job 2 still waits");

      TransferOutcome third = sender.send(JobNumber.of(3), document, TransferFixture.at(b));
      TransferOutcome.Refused busy = assertInstanceOf(TransferOutcome.Refused.class, third);
      assertEquals(RefuseReason.BUSY, busy.reason());
      assertEquals(45, busy.retryAfterSeconds());
      assertTrue(f.recorder.progress.stream().noneMatch(p -> p.job().value() == 2),
          "job 2 receives nothing while it waits");

      f.recorder.gate.release(2); // the printer takes both
      assertInstanceOf(TransferOutcome.Completed.class, first.get(20, TimeUnit.SECONDS));
      assertInstanceOf(TransferOutcome.Completed.class, second.get(20, TimeUnit.SECONDS));
      assertEquals(List.of(1L, 2L), List.of(f.recorder.documents.take().job().value(),
          f.recorder.documents.take().job().value()));
      assertEquals(0, b.queued());
    }
  }

  @Test
  void transfersRunSideBySideUpToTheConfiguredNumber(@TempDir Path folder) throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.2");
    Document document = TransferFixture.samples();
    try (TransferReceiver b = f.receiver(folder).concurrentTransfers(3).queueLength(0).start()) {
      List<CompletableFuture<TransferOutcome>> all = new java.util.ArrayList<>();
      for (int job = 1; job <= 3; job++) {
        JobNumber n = JobNumber.of(job);
        f.css.job(n, a);
        TransferSender s = f.sender("127.0.0.2").build();
        all.add(CompletableFuture.supplyAsync(() -> s.send(n, document, TransferFixture.at(b))));
      }
      for (CompletableFuture<TransferOutcome> o : all) {
        assertInstanceOf(TransferOutcome.Completed.class, o.get(20, TimeUnit.SECONDS));
      }
      assertEquals(3, f.recorder.documents.size());
    }
  }

  static void waitFor(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(10);
    }
  }
}
