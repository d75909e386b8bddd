package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.document.Page;
import org.connectivitybox.protocols.document.PageEncoding;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.transfer.ReceivedDocument;
import org.connectivitybox.protocols.transfer.TransferOutcome;
import org.connectivitybox.protocols.transfer.TransferProgress;
import org.connectivitybox.protocols.transfer.TransferReceiver;
import org.connectivitybox.protocols.transfer.TransferSender;
import org.connectivitybox.protocols.transfer.VerifyResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code transfer-throughput}: box-to-box data transfer on loopback with no rate limit, beside
 * raw JSSE TLS with the same contexts, measured alternately in one JVM.
 *
 * <p>Raw: a TLS socket pair (the two boxes' CB certificates, mutual, the product's protocol
 * list, so TLS 1.3) streams the document's bytes one way and answers one byte at the end. Transfer:
 * {@link TransferSender#send} of the same bytes to a {@link TransferReceiver} whose partials live
 * in {@code --folder} (real fsync), the receiver's VERIFY always confirming. Both are timed from
 * before the TCP connect to the last byte back (raw: the one-byte answer; transfer: COMPLETE),
 * so both include a full handshake; the transfer also includes the sender's SHA-256 of the
 * document, the receiver's check and its hand-over of the decoded document.
 */
@Command(name = "transfer-throughput", mixinStandardHelpOptions = true,
    description = {"Box-to-box transfer on loopback beside raw JSSE TLS (issue 5b).",
        "Prints one row per run, then median, min and max and the ratio."})
final class TransferThroughputBench implements Callable<Integer> {
  private static final int RAW_SLICE = 64 * 1024;

  @Option(names = "--mib", defaultValue = "64",
      description = "Document size in MiB, 1 to 512 (default ${DEFAULT-VALUE}).")
  int mib;

  @Option(names = "--runs", defaultValue = "5",
      description = "Measured runs of each, 1 to 50 (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "2",
      description = "Unmeasured runs of each first, for the JIT (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--chunk-kib", defaultValue = "-1",
      description = "Chunk size in KiB, 1 to 256 (default: the sender's default).")
  int chunkKib;

  @Option(names = "--window", defaultValue = "-1",
      description = "Unacknowledged chunks, 1 to 64 (default: the sender's default).")
  int window;

  @Option(names = "--digest-ahead",
      description = "Give the sender the document's SHA-256 computed before the clock starts "
          + "(as the firmware can: it hashes each document once); default: the sender hashes "
          + "it inside the timed transfer.")
  boolean digestAhead;

  @Option(names = "--folder",
      description = "Where the receiver keeps its partials (a fresh subfolder is made and "
          + "removed; default: java.io.tmpdir). /dev/shm separates the disk's fsync cost.")
  Path folder;

  @Override
  public Integer call() throws Exception {
    int chunk = chunkKib < 0 ? TransferSender.DEFAULT_CHUNK_SIZE : chunkKib * 1024;
    int win = window < 0 ? TransferSender.DEFAULT_WINDOW : window;
    if (mib < 1 || mib > 512 || runs < 1 || runs > 50 || warmup < 0 || chunk < 1024
        || chunk > 256 * 1024 || win < 1 || win > 64) {
      System.err.println("transfer-throughput: --mib 1..512, --runs 1..50, --warmup >= 0, "
          + "--chunk-kib 1..256, --window 1..64");
      return 2;
    }
    Path base = folder == null ? Path.of(System.getProperty("java.io.tmpdir")) : folder;
    Path partials = Files.createTempDirectory(base, "cb-transfer-throughput");
    byte[] document = document(mib);
    byte[] sha256 = digestAhead ? DocumentCodec.sha256(document) : null;
    BenchPki pki = BenchPki.create();
    TlsContext boxA = pki.peerBoxContext("CB-0000000001");
    TlsContext boxB = pki.peerBoxContext("CB-0000000002");
    Phases phases = new Phases();
    TransferSender sender = TransferSender.builder().tls(boxA).chunkSize(chunk).window(win)
        .progress(phases).build();
    List<Run> raw = new ArrayList<>();
    List<Run> transfer = new ArrayList<>();
    long job = 1;
    String negotiated;
    try (TransferReceiver receiver = TransferReceiver.builder().tls(boxB)
        .bind(InetAddress.getLoopbackAddress(), 0).folder(partials)
        .verifier((j, from) -> VerifyResult.CONFIRMED).listener(new Sink())
        .maxDocumentBytes(document.length).start();
        SSLServerSocket rawServer = boxB.newServerSocket(InetAddress.getLoopbackAddress(), 0,
            1)) {
      TransferAddress to = new TransferAddress(InetAddress.getLoopbackAddress(),
          receiver.port());
      negotiated = raw(boxA, rawServer, document).negotiated;
      System.err.printf("transfer-throughput: %d MiB, chunk %d KiB, window %d, partials in %s "
          + "(%s); %d warm-up + %d measured runs of each%n", mib, chunk / 1024, win, partials,
          Files.getFileStore(partials).type(), warmup, runs);
      System.out.printf("| run | raw JSSE MB/s | transfer MB/s | transfer / raw | raw CPU s "
          + "| transfer CPU s | transfer: to ACCEPT ms | chunks ms | last ACK to COMPLETE ms |%n"
          + "|--:|--:|--:|--:|--:|--:|--:|--:|--:|%n");
      for (int i = 1 - warmup; i <= runs; i++) {
        Run r;
        Run t;
        if ((i & 1) == 1) { // alternate which goes first, so drift hits both alike
          r = raw(boxA, rawServer, document);
          t = transfer(sender, phases, JobNumber.of(job++), document, sha256, to);
        } else {
          t = transfer(sender, phases, JobNumber.of(job++), document, sha256, to);
          r = raw(boxA, rawServer, document);
        }
        if (i < 1) {
          System.err.printf("transfer-throughput: warm-up: raw %.0f MB/s, transfer %.0f MB/s%n",
              r.mbPerSecond(), t.mbPerSecond());
          continue;
        }
        raw.add(r);
        transfer.add(t);
        System.out.printf("| %d | %.0f | %.0f | %.2f | %.2f | %.2f | %s |%n", i, r.mbPerSecond(),
            t.mbPerSecond(), t.mbPerSecond() / r.mbPerSecond(), r.cpuSeconds, t.cpuSeconds,
            t.negotiated);
      }
    } finally {
      deleteTree(partials);
    }
    double rawMedian = median(raw);
    double transferMedian = median(transfer);
    System.out.printf("%n| | median MB/s | min | max | median CPU s per run |%n"
        + "|---|--:|--:|--:|--:|%n");
    row("raw JSSE TLS", raw);
    row("transfer", transfer);
    System.out.printf("%ntransfer / raw = %.2f (medians); %d MiB document (%d bytes), chunk "
        + "%d KiB, window %d, partials on %s, SHA-256 %s, %s, %s%n", transferMedian / rawMedian,
        mib, document.length, chunk / 1024, win, Files.getFileStore(base).type(),
        digestAhead ? "given to the sender" : "computed by the sender", negotiated,
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
    return 0;
  }

  /** A document of {@code mib} MiB: pages of random bytes (incompressible, as TLS sees them). */
  static byte[] document(int mib) {
    long total = (long) mib << 20;
    int pages = (int) ((total + (16 << 20) - 1) / (16 << 20));
    List<Page> list = new ArrayList<>();
    Random random = new Random(5);
    long left = total - DocumentCodec.headerSize(pages);
    for (int p = 0; p < pages; p++) {
      byte[] data = new byte[(int) (left / (pages - p))];
      random.nextBytes(data);
      left -= data.length;
      list.add(new Page(PageEncoding.PNG, 200, 1654, 2339, data));
    }
    return DocumentCodec.encode(new Document(list));
  }

  private record Run(long bytes, long nanos, double cpuSeconds, String negotiated) {
    double mbPerSecond() {
      return bytes / (nanos / 1e9) / 1e6;
    }
  }

  /**
   * A whole transfer; its {@code negotiated} field carries the phases as table cells: start to
   * ACCEPT (connect, TLS, the sender's SHA-256, SETUP, VERIFY), ACCEPT to the last ACK (the
   * chunks), last ACK to COMPLETE (DONE, the receiver's check and hand-over).
   */
  private static Run transfer(TransferSender sender, Phases phases, JobNumber job,
      byte[] document, byte[] sha256, TransferAddress to) {
    System.gc();
    phases.reset();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    TransferOutcome o = sender.send(job, document, sha256, to);
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    if (!(o instanceof TransferOutcome.Completed)) {
      throw new IllegalStateException("transfer of job " + job + " did not complete: " + o);
    }
    String cells = String.format("%.0f | %.0f | %.0f", (phases.accepted - t0) / 1e6,
        (phases.lastAck - phases.accepted) / 1e6, (t1 - phases.lastAck) / 1e6);
    return new Run(document.length, t1 - t0, (c1 - c0) / 1e9, cells);
  }

  /** The sender's progress events: the first comes after ACCEPT, the last after the last ACK. */
  private static final class Phases implements TransferProgress.Listener {
    volatile long accepted;
    volatile long lastAck;

    void reset() {
      accepted = 0;
      lastAck = 0;
    }

    @Override
    public void progress(TransferProgress p) {
      long now = System.nanoTime();
      if (accepted == 0) {
        accepted = now;
      }
      lastAck = now;
    }
  }

  private static Run raw(TlsContext client, SSLServerSocket server, byte[] document)
      throws Exception {
    System.gc();
    Thread reader = new Thread(() -> {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[RAW_SLICE];
        long n = 0;
        while (n < document.length) {
          int r = in.read(buf);
          if (r < 0) {
            throw new IOException("raw: stream ended after " + n + " bytes");
          }
          n += r;
        }
        s.getOutputStream().write(1);
        s.getOutputStream().flush();
        s.setSoTimeout(200);
        in.read(); // the client's close_notify
      } catch (IOException e) {
        // the client reports the shortfall
      }
    }, "raw-reader");
    reader.start();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    Socket plain = new Socket();
    plain.setTcpNoDelay(true);
    plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
    String negotiated;
    try (SSLSocket s = client.clientOver(plain, "127.0.0.1", server.getLocalPort())) {
      s.setSoTimeout(60_000);
      s.startHandshake();
      OutputStream out = s.getOutputStream();
      for (int off = 0; off < document.length; off += RAW_SLICE) {
        out.write(document, off, Math.min(RAW_SLICE, document.length - off));
      }
      out.flush();
      if (s.getInputStream().read() != 1) {
        throw new IOException("raw: no answer from the reader");
      }
      negotiated = s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
    }
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    reader.join();
    return new Run(document.length, t1 - t0, (c1 - c0) / 1e9, negotiated);
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(List<Run> runs) {
    List<Double> v = runs.stream().map(Run::mbPerSecond).sorted().toList();
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  private static void row(String what, List<Run> runs) {
    List<Double> cpu = runs.stream().map(Run::cpuSeconds).sorted().toList();
    int n = cpu.size();
    double cpuMedian = n % 2 == 1 ? cpu.get(n / 2) : (cpu.get(n / 2 - 1) + cpu.get(n / 2)) / 2;
    System.out.printf("| %s | %.0f | %.0f | %.0f | %.2f |%n", what, median(runs),
        runs.stream().mapToDouble(Run::mbPerSecond).min().orElse(0),
        runs.stream().mapToDouble(Run::mbPerSecond).max().orElse(0), cpuMedian);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The receiving box's printer: takes the document and drops it. */
  private static final class Sink implements TransferReceiver.Listener {
    @Override
    public void completed(ReceivedDocument document) {
      // handed over; nothing to keep
    }
  }
}
