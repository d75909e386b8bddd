package org.connectivitybox.protocols.transfer.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash can leave in the chunk log, and what the receiver makes of it. */
class PartialStoreTest {
  static final JobNumber JOB = JobNumber.of(17);
  static final CbId A = CbId.of("cb-a");
  static final byte[] DOC = new byte[1300];

  static {
    for (int i = 0; i < DOC.length; i++) {
      DOC[i] = (byte) (i * 7);
    }
  }

  static Setup setup(byte digestByte) throws Exception {
    byte[] digest = new byte[32];
    digest[0] = digestByte;
    return new Setup(1, JOB, InetAddress.getByName("127.0.0.2"), digest, DOC.length, 1, 512);
  }

  static Chunk chunk(Setup s, int i) {
    return new Chunk(i, Arrays.copyOfRange(DOC, i * 512, i * 512 + s.chunkLength(i)));
  }

  @Test
  void aTornLastRecordIsCutOffAndWhatWasDurableStays(@TempDir Path folder) throws Exception {
    PartialStore store = new PartialStore(folder);
    Setup s = setup((byte) 1);
    try (PartialStore.Partial p = store.open(s, A)) {
      p.append(chunk(s, 0));
      p.append(chunk(s, 1));
    }
    Path log = store.file(JOB, "chunks");
    long durable = Files.size(log);
    // a crash in the middle of appending chunk 2: its header and half its data
    Files.write(log, Arrays.copyOf(new byte[] {0, 0, 0, 2, 0, 0, 1, 20, 1, 2, 3, 4}, 150),
        StandardOpenOption.APPEND);
    try (PartialStore.Partial p = store.open(setup((byte) 1), A)) {
      assertEquals(2, p.durableChunks());
      assertEquals(durable, Files.size(log));
      assertArrayEquals(Arrays.copyOf(DOC, 1024), p.read());
      p.append(chunk(s, 2));
      assertArrayEquals(DOC, p.read());
    }
  }

  @Test
  void aRecordWhoseCrcFailsEndsTheLog(@TempDir Path folder) throws Exception {
    PartialStore store = new PartialStore(folder);
    Setup s = setup((byte) 1);
    try (PartialStore.Partial p = store.open(s, A)) {
      p.append(chunk(s, 0));
      p.append(chunk(s, 1));
    }
    try (RandomAccessFile f = new RandomAccessFile(store.file(JOB, "chunks").toFile(), "rw")) {
      f.seek(12 + 512 + 12 + 100); // a byte inside chunk 1's data
      f.write(0x55 ^ DOC[512 + 100]);
    }
    try (PartialStore.Partial p = store.open(s, A)) {
      assertEquals(1, p.durableChunks());
    }
  }

  @Test
  void readingBackChecksEveryRecordAgainstItsCrc(@TempDir Path folder) throws Exception {
    PartialStore store = new PartialStore(folder);
    Setup s = setup((byte) 1);
    try (PartialStore.Partial p = store.open(s, A)) {
      p.append(chunk(s, 0));
      p.append(chunk(s, 1));
      // the disk changes a byte of chunk 0 after it was written and acknowledged
      try (RandomAccessFile f = new RandomAccessFile(store.file(JOB, "chunks").toFile(), "rw")) {
        f.seek(12 + 7);
        f.write(0x55 ^ DOC[7]);
      }
      IOException e = assertThrows(IOException.class, p::read);
      assertEquals("job 17: the record of chunk 0 in the chunk log no longer matches its CRC",
          e.getMessage());
    }
  }

  @Test
  void anotherDocumentForTheSameJobStartsOverAndTheOwnerIsKnown(@TempDir Path folder)
      throws Exception {
    PartialStore store = new PartialStore(folder);
    assertNull(store.ownerOf(JOB));
    Setup s = setup((byte) 1);
    try (PartialStore.Partial p = store.open(s, A)) {
      p.append(chunk(s, 0));
    }
    assertEquals(A, store.ownerOf(JOB));
    try (PartialStore.Partial p = store.open(setup((byte) 2), A)) {
      assertEquals(0, p.durableChunks(), "another digest: discarded");
    }
    try (PartialStore.Partial p = store.open(setup((byte) 2), A)) {
      p.append(chunk(s, 0));
      p.completed("abcd");
    }
    assertEquals("abcd", store.completedDigest(JOB));
    assertNull(store.ownerOf(JOB));
    Files.writeString(store.file(JobNumber.of(18), "setup"), "garbage");
    assertNull(store.ownerOf(JobNumber.of(18)), "an unreadable set-up is no partial");
  }
}
