package org.connectivitybox.protocols.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The receiver's group commit: a chunk is reported durable (ACK) only after an fsync that
 * started after it was written; chunks written during an fsync wait for the next one; the
 * digest covers every chunk in order.
 */
@Timeout(20)
class TransferCommitTest {

  /** Records the order of fsyncs and ACKs; an fsync can be held until the test releases it. */
  static final class Disk implements ChunkCommitter.Force, ChunkCommitter.Durable {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Semaphore fsyncs = new Semaphore(0);
    final CountDownLatch failed = new CountDownLatch(1);
    volatile boolean holdFsync;
    volatile IOException fsyncFailure;
    volatile IOException failure;

    @Override
    public void force() throws IOException {
      events.add("fsync start");
      if (holdFsync) {
        try {
          fsyncs.acquire();
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
      }
      if (fsyncFailure != null) {
        throw fsyncFailure;
      }
      events.add("fsync end");
    }

    @Override
    public void upTo(int index, boolean acknowledge) {
      events.add((acknowledge ? "ACK " : "durable ") + index);
    }

    @Override
    public void failed(IOException e) {
      failure = e;
      failed.countDown();
    }

    void awaitEvent(String e) throws InterruptedException {
      while (!events.contains(e)) {
        Thread.sleep(1);
      }
    }
  }

  private static Chunk chunk(int index) {
    return new Chunk(index, new byte[] {(byte) index, 1, 2, 3});
  }

  @Test
  void chunksWrittenDuringAnFsyncAreAcknowledgedOnlyAfterTheNextOne() throws Exception {
    Disk disk = new Disk();
    disk.holdFsync = true;
    ChunkCommitter c = new ChunkCommitter(disk, DocumentCodec.newSha256(), disk, "test-commit");
    c.start();
    c.written(chunk(0));
    disk.awaitEvent("fsync start");
    c.written(chunk(1)); // written while the first fsync runs
    c.written(chunk(2));
    disk.fsyncs.release();
    disk.awaitEvent("ACK 0");
    disk.fsyncs.release();
    disk.awaitEvent("ACK 2");
    disk.holdFsync = false;
    byte[] digest = c.finish();
    assertEquals(List.of("fsync start", "fsync end", "ACK 0", "fsync start", "fsync end",
        "ACK 2"), disk.events);
    MessageDigest expected = DocumentCodec.newSha256();
    for (int i = 0; i < 3; i++) {
      expected.update(chunk(i).data());
    }
    assertArrayEquals(expected.digest(), digest);
  }

  @Test
  void theDigestStartsFromWhatThePartialHeldBeforeAResume() throws Exception {
    Disk disk = new Disk();
    MessageDigest held = DocumentCodec.newSha256();
    held.update(chunk(0).data());
    ChunkCommitter c = new ChunkCommitter(disk, held, disk, "test-commit");
    c.start();
    c.written(chunk(1));
    MessageDigest expected = DocumentCodec.newSha256();
    expected.update(chunk(0).data());
    expected.update(chunk(1).data());
    assertArrayEquals(expected.digest(), c.finish());
    assertEquals(List.of("fsync start", "fsync end", "ACK 1"), disk.events);
  }

  @Test
  void aFailedFsyncAcknowledgesNothingAndEndsTheConnection() throws Exception {
    Disk disk = new Disk();
    disk.fsyncFailure = new IOException("disk full");
    ChunkCommitter c = new ChunkCommitter(disk, DocumentCodec.newSha256(), disk, "test-commit");
    c.start();
    c.written(chunk(0));
    assertTrue(disk.failed.await(10, TimeUnit.SECONDS));
    assertInstanceOf(ChunkCommitter.StorageException.class, disk.failure);
    assertInstanceOf(ChunkCommitter.StorageException.class, c.failure());
    assertThrows(ChunkCommitter.StorageException.class, () -> c.written(chunk(1)));
    assertThrows(ChunkCommitter.StorageException.class, c::finish);
    assertEquals(List.of("fsync start"), disk.events);
  }

  @Test
  void settlingAfterALostLineMakesWhatWasWrittenDurableWithoutAnAck() throws Exception {
    Disk disk = new Disk();
    disk.holdFsync = true;
    ChunkCommitter c = new ChunkCommitter(disk, DocumentCodec.newSha256(), disk, "test-commit");
    c.start();
    c.written(chunk(0));
    disk.awaitEvent("fsync start");
    c.written(chunk(1));
    disk.fsyncs.release();
    disk.awaitEvent("ACK 0");
    while (disk.events.stream().filter(e -> e.equals("fsync start")).count() < 2) {
      Thread.sleep(1); // the fsync of chunk 1 is running when the line is found lost
    }
    Thread settling = new Thread(c::settle);
    settling.start();
    while (settling.getState() != Thread.State.WAITING) { // in join: quiet is set
      Thread.sleep(1);
    }
    disk.fsyncs.release();
    settling.join();
    assertEquals("durable 1", disk.events.get(disk.events.size() - 1));
    assertEquals(1, disk.events.stream().filter(e -> e.startsWith("ACK")).count());
  }

  @Test
  void abandoningCommitsNothingMore() throws Exception {
    Disk disk = new Disk();
    disk.holdFsync = true;
    ChunkCommitter c = new ChunkCommitter(disk, DocumentCodec.newSha256(), disk, "test-commit");
    c.start();
    c.written(chunk(0));
    disk.awaitEvent("fsync start");
    c.written(chunk(1));
    Thread abandoning = new Thread(c::abandon);
    abandoning.start();
    while (abandoning.getState() != Thread.State.WAITING) { // in join: abandoned is set
      Thread.sleep(1);
    }
    disk.fsyncs.release(2);
    abandoning.join();
    assertEquals(List.of("fsync start", "fsync end"), disk.events);
  }
}
