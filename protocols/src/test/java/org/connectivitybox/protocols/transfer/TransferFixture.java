package org.connectivitybox.protocols.transfer;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.Page;
import org.connectivitybox.protocols.document.PageEncoder;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRefusal;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;

/** Two boxes A (sender) and B (receiver) of one test PKI, and recorders for B's side. */
final class TransferFixture {
  static final Path PAGES = Path.of(System.getenv().getOrDefault("CB_SAMPLE_PAGES",
      "../tools/pages"));

  final TestPki pki = TestPki.create();
  final TestPki.Identity boxA = pki.cbIdentity("cb-a", pki.newKeyPair());
  final TestPki.Identity boxB = pki.cbIdentity("cb-b", pki.newKeyPair());
  final TlsContext tlsA = pki.tlsContext(boxA, CertificatePurpose.CB);
  final TlsContext tlsB = pki.tlsContext(boxB, CertificatePurpose.CB);
  final Recorder recorder = new Recorder();
  final FakeCss css = new FakeCss();

  /** Stands in for the CSS's VERIFY: jobs with the addresses their sender may use. */
  static final class FakeCss implements Verifier {
    final Map<JobNumber, Set<InetAddress>> jobs = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String failure;

    void job(JobNumber job, InetAddress... senders) {
      jobs.put(job, ConcurrentHashMap.newKeySet());
      jobs.get(job).addAll(List.of(senders));
    }

    @Override
    public VerifyResult verify(JobNumber job, InetAddress sender) {
      calls.add(job + "@" + sender.getHostAddress());
      if (failure != null) {
        return VerifyResult.failed(failure);
      }
      Set<InetAddress> allowed = jobs.get(job);
      if (allowed == null) {
        return VerifyResult.refused(VerifyRefusal.UNKNOWN_JOB);
      }
      return allowed.contains(sender) ? VerifyResult.CONFIRMED
          : VerifyResult.refused(VerifyRefusal.WRONG_SENDER);
    }
  }

  /** B's listener: documents, outcomes, progress; {@code gate} can hold deliveries back. */
  static final class Recorder implements TransferReceiver.Listener {
    final BlockingQueue<ReceivedDocument> documents = new LinkedBlockingQueue<>();
    final BlockingQueue<TransferOutcome> outcomes = new LinkedBlockingQueue<>();
    final List<TransferProgress> progress = new CopyOnWriteArrayList<>();
    volatile Semaphore gate;

    @Override
    public void completed(ReceivedDocument document) throws Exception {
      Semaphore g = gate;
      if (g != null && !g.tryAcquire(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never opened");
      }
      documents.add(document);
    }

    @Override
    public void progress(TransferProgress p) {
      progress.add(p);
    }

    @Override
    public void ended(InetAddress peer, TransferOutcome outcome) {
      outcomes.add(outcome);
    }

    TransferOutcome nextOutcome() throws InterruptedException {
      TransferOutcome o = outcomes.poll(20, TimeUnit.SECONDS);
      if (o == null) {
        throw new AssertionError("the receiver reported no outcome");
      }
      return o;
    }
  }

  TransferReceiver.Builder receiver(Path folder) {
    return TransferReceiver.builder().tls(tlsB).bind(InetAddress.getLoopbackAddress(), 0)
        .folder(folder).verifier(css).listener(recorder);
  }

  TransferSender.Builder sender(String localAddress) throws IOException {
    return TransferSender.builder().tls(tlsA).localAddress(InetAddress.getByName(localAddress))
        .chunkSize(4096).window(4);
  }

  static TransferAddress at(TransferReceiver r) {
    return new TransferAddress(InetAddress.getLoopbackAddress(), r.port());
  }

  static TransferAddress at(int port) {
    return new TransferAddress(InetAddress.getLoopbackAddress(), port);
  }

  /** A raw TLS client with {@code tls}, handshake done, for scripted conversations. */
  static SSLSocket rawClient(TlsContext tls, int port, String from) throws IOException {
    java.net.Socket plain = new java.net.Socket();
    plain.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
    plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
    SSLSocket s = tls.clientOver(plain, "127.0.0.1", port);
    s.setSoTimeout(10_000);
    s.startHandshake();
    return s;
  }

  /** The letter and drawing samples as G4 pages (synthetic bilevel pages if absent). */
  static Document samples() throws IOException {
    List<Page> pages = new ArrayList<>();
    for (String name : List.of("letter-a4-200dpi.png", "drawing-a4-200dpi.png")) {
      Path file = PAGES.resolve(name);
      BufferedImage image = Files.isReadable(file) ? ImageIO.read(file.toFile())
          : synthetic(name);
      pages.add(PageEncoder.standard().encode(image, 200));
    }
    return new Document(pages);
  }

  static BufferedImage synthetic(String text) {
    BufferedImage image = new BufferedImage(1654, 2339, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 1654, 2339);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SERIF, Font.PLAIN, 30));
    for (int y = 80; y < 2300; y += 40) {
      g.drawString(text + " line " + y + " the quick brown fox jumps over the lazy dog", 80, y);
    }
    g.dispose();
    return image;
  }

  /** Files of {@code job} in {@code folder}. */
  static List<String> filesOf(Path folder, JobNumber job) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("job-" + job.value() + ".")).sorted().toList();
    }
  }
}
