package org.connectivitybox.protocols.transfer;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.document.Page;
import org.connectivitybox.protocols.document.PageEncoding;
import org.connectivitybox.protocols.sendreceive.JobNumber;

/**
 * A rough figure, not a test: box-to-box throughput on loopback (durable partial in a temporary
 * folder, fsync per chunk) beside raw JSSE TLS with the same contexts. Run with the test class
 * path: {@code java -cp ... org.connectivitybox.protocols.transfer.TransferThroughput [MiB]
 * [chunkKiB...]}.
 */
public final class TransferThroughput {
  public static void main(String[] args) throws Exception {
    int mib = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    List<Integer> chunks = args.length > 1
        ? java.util.Arrays.stream(args).skip(1).map(Integer::parseInt).toList() : List.of(16, 256);
    TransferFixture f = new TransferFixture();
    byte[] data = new byte[mib << 19];
    new Random(1).nextBytes(data);
    Document doc = Document.of(new Page(PageEncoding.PNG, 200, 100, 100, data),
        new Page(PageEncoding.PNG, 200, 100, 100, data));
    byte[] bytes = DocumentCodec.encode(doc);
    for (int round = 0; round < 3; round++) {
      long r0 = cpu();
      double rawRate = raw(f, bytes);
      System.out.printf("raw JSSE TLS: %.0f MB/s wall, %.0f MB per CPU-second%n", rawRate,
          bytes.length / ((cpu() - r0) / 1e9) / 1e6);
      for (int kib : chunks) {
        Path folder = Files.createTempDirectory(Path.of(System.getProperty("cb.dir", System.getProperty("java.io.tmpdir"))), "cb-throughput");
        JobNumber job = JobNumber.of(round * 100 + kib);
        f.css.job(job, InetAddress.getByName("127.0.0.2"));
        try (TransferReceiver b = f.receiver(folder).maxDocumentBytes(bytes.length).start()) {
          TransferSender s = f.sender("127.0.0.2").chunkSize(kib * 1024).window(8).build();
          long c0 = cpu();
          long t0 = System.nanoTime();
          TransferOutcome o = s.send(job, bytes, TransferFixture.at(b));
          double secs = (System.nanoTime() - t0) / 1e9;
          f.recorder.documents.take();
          System.out.printf("transfer, %d KiB chunks: %.0f MB/s wall, %.0f MB per CPU-second"
              + " (%s)%n", kib, bytes.length / secs / 1e6,
              bytes.length / ((cpu() - c0) / 1e9) / 1e6, o.getClass().getSimpleName());
        }
      }
    }
  }

  static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  static double raw(TransferFixture f, byte[] bytes) throws Exception {
    try (SSLServerSocket server = f.tlsB.newServerSocket(InetAddress.getLoopbackAddress(), 0, 1)) {
      Thread t = new Thread(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          InputStream in = s.getInputStream();
          byte[] buf = new byte[64 * 1024];
          long n = 0;
          while (n < bytes.length) {
            int r = in.read(buf);
            if (r < 0) {
              break;
            }
            n += r;
          }
          s.getOutputStream().write(1);
          s.getOutputStream().flush();
        } catch (Exception e) {
          e.printStackTrace();
        }
      });
      t.start();
      try (SSLSocket c = TransferFixture.rawClient(f.tlsA, server.getLocalPort(), "127.0.0.2")) {
        long t0 = System.nanoTime();
        OutputStream out = c.getOutputStream();
        for (int off = 0; off < bytes.length; off += 16 * 1024) {
          out.write(bytes, off, Math.min(16 * 1024, bytes.length - off));
        }
        out.flush();
        c.getInputStream().read();
        double secs = (System.nanoTime() - t0) / 1e9;
        t.join();
        return bytes.length / secs / 1e6;
      }
    }
  }
}
