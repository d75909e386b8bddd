package org.connectivitybox.hal.store;

import static org.connectivitybox.hal.store.AtomicFilesTest.entries;
import static org.connectivitybox.hal.store.AtomicFilesTest.permissions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("DirectoryStore")
class DirectoryStoreTest {
  @TempDir Path dir;
  private Path folder;
  private DirectoryStore store;
  private ExecutorService pool;

  @BeforeEach
  void open() throws IOException {
    folder = dir.resolve("store");
    store = DirectoryStore.open(folder);
  }

  @AfterEach
  void stopThreads() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS), "writer threads did not stop");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aWrittenRecordReadsBackAsStored() throws IOException {
    StoredRecord written = store.write("params190", 3, bytes("hello"));
    Optional<StoredRecord> read = store.read("params190");
    assertEquals(Optional.of(written), read);
    assertEquals(3, read.get().schemaVersion());
    assertArrayEquals(bytes("hello"), read.get().payload());
  }

  @Test
  void aRecordNeverWrittenReadsAsEmpty() throws IOException {
    assertEquals(Optional.empty(), store.read("params191"));
  }

  @Test
  void namesListsTheRecordsSorted() throws IOException {
    store.write("zeta", 1, new byte[0]);
    store.write("alpha", 1, new byte[0]);
    store.write("m-1", 1, new byte[0]);
    assertEquals(List.of("alpha", "m-1", "zeta"), store.names());
    assertEquals(List.of("alpha.rec", "m-1.rec", "zeta.rec"), entries(folder));
  }

  @Test
  void deleteRemovesARecordAndIgnoresAMissingOne() throws IOException {
    store.write("a", 1, new byte[0]);
    store.delete("a");
    store.delete("a");
    store.delete("never-written");
    assertEquals(Optional.empty(), store.read("a"));
    assertEquals(List.of(), store.names());
  }

  @Test
  void eachRewriteIncrementsTheGenerationAndDeleteStartsAgain() throws IOException {
    assertEquals(1, store.write("a", 1, bytes("1")).generation());
    assertEquals(2, store.write("a", 1, bytes("2")).generation());
    assertEquals(3, store.write("a", 2, bytes("3")).generation());
    assertEquals(3, store.read("a").orElseThrow().generation());
    assertEquals(1, store.write("b", 1, bytes("other")).generation(), "generations are per record");
    store.delete("a");
    assertEquals(1, store.write("a", 1, bytes("again")).generation());
  }

  @Test
  void aReopenedStoreSeesTheSameRecords() throws IOException {
    store.write("a", 1, bytes("kept"));
    DirectoryStore again = DirectoryStore.open(folder);
    assertArrayEquals(bytes("kept"), again.read("a").orElseThrow().payload());
    assertEquals(2, again.write("a", 1, bytes("more")).generation());
  }

  @Test
  void recordFilesAndTheFolderAreForTheOwnerOnly() throws IOException {
    store.write("params190", 1, bytes("private key"));
    assertEquals("rw-------", permissions(folder.resolve("params190.rec")));
    assertEquals("rwx------", permissions(folder));
  }

  @Test
  void aRecordRewrittenOverAWorldReadableFileIsOwnerOnlyAgain() throws IOException {
    store.write("a", 1, bytes("1"));
    Files.setPosixFilePermissions(folder.resolve("a.rec"),
        PosixFilePermissions.fromString("rw-rw-rw-"));
    store.write("a", 1, bytes("2"));
    assertEquals("rw-------", permissions(folder.resolve("a.rec")));
  }

  @Test
  void aPermissiveUmaskDoesNotWidenRecordFiles() throws Exception {
    Path childFolder = dir.resolve("child-store");
    Path control = dir.resolve("control");
    AtomicFilesTest.runWithUmask("000", "store", childFolder.toString(), "params190",
        control.toString());
    assertEquals("rw-rw-rw-", permissions(control), "the child's umask was really 000");
    assertEquals("rwx------", permissions(childFolder));
    assertEquals("rw-------", permissions(childFolder.resolve("params190.rec")));
    assertArrayEquals(bytes("written by the child"),
        DirectoryStore.open(childFolder).read("params190").orElseThrow().payload());
  }

  @Test
  void openRemovesLeftoverTemporaryFilesAndKeepsRecords() throws IOException {
    store.write("params190", 1, bytes("good"));
    Files.write(folder.resolve(AtomicFiles.TEMP_PREFIX + "params190.rec-1a2b"), bytes("half"));
    Files.write(folder.resolve(AtomicFiles.TEMP_PREFIX + "other.rec-ff"), new byte[0]);
    DirectoryStore reopened = DirectoryStore.open(folder);
    assertEquals(List.of("params190.rec"), entries(folder));
    assertArrayEquals(bytes("good"), reopened.read("params190").orElseThrow().payload());
  }

  @Test
  void aTemporaryFileIsNeverListedNorRead() throws IOException {
    // Left by a writer that is still running (or died after open): readers must not see it.
    byte[] complete = RecordFile.encode(new StoredRecord("ghost", 1, 1, bytes("not yet")));
    Files.write(folder.resolve(AtomicFiles.TEMP_PREFIX + "ghost.rec-0f"), complete);
    assertEquals(List.of(), store.names());
    assertEquals(Optional.empty(), store.read("ghost"));
  }

  @Test
  void aCorruptedRecordFileIsReportedAsCorrupt() throws IOException {
    store.write("params190", 1, bytes("good"));
    Path file = folder.resolve("params190.rec");
    byte[] damaged = Files.readAllBytes(file);
    damaged[damaged.length - 6] ^= 0x10;
    Files.write(file, damaged);
    StoreCorruptedException e =
        assertThrows(StoreCorruptedException.class, () -> store.read("params190"));
    assertEquals("params190", e.recordName());
    assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
  }

  @Test
  void anEmptyRecordFileIsReportedAsCorrupt() throws IOException {
    Files.write(folder.resolve("a.rec"), new byte[0]);
    assertEquals(List.of("a"), store.names());
    assertThrows(StoreCorruptedException.class, () -> store.read("a"));
  }

  @Test
  void writingOverACorruptedRecordReplacesItAndStartsAGenerationAgain() throws IOException {
    store.write("a", 1, bytes("1"));
    store.write("a", 1, bytes("2"));
    Files.write(folder.resolve("a.rec"), bytes("garbage that is long enough to be a record"));
    StoredRecord written = store.write("a", 1, bytes("fresh"));
    assertEquals(1, written.generation());
    assertEquals(Optional.of(written), store.read("a"));
  }

  @ParameterizedTest(name = "record name \"{0}\" is refused")
  @ValueSource(strings = {"", "Params", "-a", "a.rec", "../escape", "a/b", ".tmp-a",
      "abcdefghijklmnopqrstuvwxyz0123456"})
  void invalidRecordNamesAreRefusedByEveryOperation(String name) throws IOException {
    assertThrows(IllegalArgumentException.class, () -> store.read(name));
    assertThrows(IllegalArgumentException.class, () -> store.write(name, 1, new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> store.delete(name));
    assertEquals(List.of(), entries(folder));
    assertEquals(List.of("store"), entries(dir), "nothing was written outside the store");
  }

  @Test
  void anInvalidSchemaVersionWritesNothing() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> store.write("a", 70000, new byte[0]));
    assertEquals(List.of(), entries(folder));
  }

  @Test
  void openCreatesMissingParentFolders() throws IOException {
    Path deep = dir.resolve("x").resolve("y").resolve("store");
    DirectoryStore s = DirectoryStore.open(deep);
    assertEquals(deep, s.folder());
    assertTrue(Files.isDirectory(deep));
  }

  @Test
  void openRefusesAPathThatIsAFile() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    IOException e = assertThrows(IOException.class, () -> DirectoryStore.open(file));
    assertTrue(e.getMessage().contains("exists and is not a folder"), e.getMessage());
  }

  @Test
  void concurrentWritersEndWithAReadableRecordCountingEveryWrite() throws Exception {
    int threads = 6;
    int writesEach = 30;
    pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      writers.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < writesEach; i++) {
          store.write("shared", 1, bytes("writer " + id + " write " + i));
        }
        return null;
      }));
    }
    // A reader running beside the writers must only ever see whole records.
    Future<Integer> reader = pool.submit(() -> {
      start.await();
      int reads = 0;
      long lastGeneration = 0;
      while (writing.get()) {
        Optional<StoredRecord> r = store.read("shared");
        if (r.isPresent()) {
          assertTrue(r.get().generation() >= lastGeneration, "generation went backwards");
          lastGeneration = r.get().generation();
          assertTrue(new String(r.get().payload(), StandardCharsets.UTF_8).startsWith("writer "));
          reads++;
        }
      }
      return reads;
    });
    start.countDown();
    try {
      for (Future<?> w : writers) {
        w.get(60, TimeUnit.SECONDS);
      }
    } finally {
      writing.set(false);
    }
    reader.get(10, TimeUnit.SECONDS);
    StoredRecord last = store.read("shared").orElseThrow();
    assertEquals(threads * writesEach, last.generation());
    assertEquals(List.of("shared.rec"), entries(folder), "no temporary file is left behind");
    assertFalse(DirectoryStore.open(folder).names().isEmpty());
  }
}
