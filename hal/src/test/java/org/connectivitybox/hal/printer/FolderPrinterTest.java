package org.connectivitybox.hal.printer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderPrinterTest {

  @TempDir Path folder;

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void eachJobIsAFileNamedWithItsIdAndTheLocationIsThatFile() throws Exception {
    FolderPrinter printer = new FolderPrinter(folder);
    PrintOutcome.Printed first = assertInstanceOf(PrintOutcome.Printed.class,
        printer.print(PrintDocument.ofBytes("Page 1 of 2.png", PrintDocument.PNG, new byte[] {1})));
    Path source = Files.write(folder.resolveSibling("scan.tif"), new byte[] {2, 3});
    PrintOutcome.Printed second = assertInstanceOf(PrintOutcome.Printed.class,
        printer.print(PrintDocument.ofFile(source, PrintDocument.TIFF)));
    assertEquals(List.of("job-000001-Page_1_of_2.png", "job-000002-scan.tif"), names(folder));
    assertEquals("1", first.jobId());
    assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(Path.of(second.location())));
  }

  @Test
  void jobIdsContinueAfterARestartAndLeftoverTemporaryFilesAreRemoved() throws Exception {
    new FolderPrinter(folder).print(PrintDocument.ofBytes("a", "text/plain", new byte[] {1}));
    Files.write(folder.resolve(".printing-2"), new byte[] {9});
    PrintOutcome.Printed again = assertInstanceOf(PrintOutcome.Printed.class,
        new FolderPrinter(folder).print(PrintDocument.ofBytes("b", "text/plain", new byte[] {2})));
    assertEquals("2", again.jobId());
    assertEquals(List.of("job-000001-a.txt", "job-000002-b.txt"), names(folder));
  }

  @Test
  void aDocumentThatCannotBeReadLeavesNoFile() throws Exception {
    FolderPrinter printer = new FolderPrinter(folder);
    PrintDocument missing = PrintDocument.ofFile(folder.resolveSibling("gone.pdf"), PrintDocument.PDF);
    PrinterException e = assertThrows(PrinterException.class, () -> printer.print(missing));
    assertFalse(e.getMessage().isEmpty());
    assertEquals(List.of(), names(folder));
  }

  @Test
  void concurrentJobsGetDistinctIdsAndWholeFiles() throws Exception {
    FolderPrinter printer = new FolderPrinter(folder);
    byte[] content = new byte[256 * 1024];
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    try {
      List<Future<String>> jobs = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        jobs.add(pool.submit(() -> ((PrintOutcome.Printed) printer.print(
            PrintDocument.ofBytes("p", PrintDocument.PDF, content))).jobId()));
      }
      for (Future<String> f : jobs) {
        ids.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(20, ids.size());
    for (String name : names(folder)) {
      assertEquals(content.length, Files.size(folder.resolve(name)), name);
    }
  }

  @Test
  void aMediaTypeMustLookLikeOne() {
    assertThrows(IllegalArgumentException.class,
        () -> PrintDocument.ofBytes("x", "PDF", new byte[0]));
  }
}
