package org.connectivitybox.loadgen;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.tinylog.Logger;

/**
 * The bound's {@link BoundServer} in a JVM of its own, as the CSS runs in a JVM of its own, so
 * that the two are measured in the same arrangement: server and load generator are separate
 * processes sharing the machine's processors.
 *
 * <p>The parent writes the server's key, certificate chain, Root CA, database password and box
 * list into a private temporary folder and starts {@code java -cp <this class path>
 * BoundProcess FOLDER JDBC_URL USER}. The child starts the server on a free 127.0.0.1 port,
 * prints {@code bound-port N}, and serves until its standard input closes ({@link #close()}),
 * then stops the server and exits; the parent removes the folder.
 */
final class BoundProcess implements AutoCloseable {
  private static final String PORT_LINE = "bound-port ";

  private final Process process;
  private final Path folder;
  private final int port;

  private BoundProcess(Process process, Path folder, int port) {
    this.process = process;
    this.folder = folder;
    this.port = port;
  }

  /**
   * Starts the child JVM and waits until its server listens.
   *
   * @throws IOException if the child cannot start or does not report its port within a minute
   */
  static BoundProcess start(PrivateKey key, List<X509Certificate> chain, X509Certificate root,
      String jdbcUrl, String user, String password, List<CbId> boxes) throws IOException {
    Path folder = Files.createTempDirectory("loadgen-bound-identity");
    try {
      Files.writeString(folder.resolve("server.key"), Pem.privateKey(key), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve("server.crt"), Pem.certificates(chain),
          StandardCharsets.UTF_8);
      Files.writeString(folder.resolve("ca.crt"), Pem.certificate(root), StandardCharsets.UTF_8);
      Files.writeString(folder.resolve("db.password"), password == null ? "" : password,
          StandardCharsets.UTF_8);
      List<String> ids = new ArrayList<>();
      boxes.forEach(b -> ids.add(b.value()));
      Files.write(folder.resolve("boxes.txt"), ids, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      delete(folder);
      throw e;
    }
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        BoundProcess.class.getName(), folder.toString(), jdbcUrl, user == null ? "" : user));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    } catch (IOException e) {
      delete(folder);
      throw new IOException("cannot start the bound's JVM: " + e.getMessage(), e);
    }
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    int[] port = {-1};
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(PORT_LINE)) {
            synchronized (port) {
              port[0] = Integer.parseInt(line.substring(PORT_LINE.length()).strip());
              port.notifyAll();
            }
          }
        }
      } catch (IOException | NumberFormatException e) {
        // the child died or said something else; the wait below times out
      }
    }, "bound-stdout");
    reader.setDaemon(true);
    reader.start();
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    synchronized (port) {
      while (port[0] < 0 && p.isAlive() && System.nanoTime() < until) {
        try {
          port.wait(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (port[0] < 0) {
      p.destroyForcibly();
      delete(folder);
      throw new IOException("the bound's JVM did not start its server"
          + (p.isAlive() ? " within a minute" : " (it exited; see its message above)"));
    }
    return new BoundProcess(p, folder, port[0]);
  }

  /** The port the bound listens on, on 127.0.0.1. */
  int port() {
    return port;
  }

  /** Closes the child's standard input, so it stops its server and exits; kills it if it hangs. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      delete(folder);
    }
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      Logger.warn("cannot remove {}: {}", dir, e.getMessage());
    }
  }

  /** The child: {@code FOLDER JDBC_URL USER}; serves until standard input closes. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("bound: usage: BoundProcess FOLDER JDBC_URL USER");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    TlsContext tls;
    List<CbId> boxes = new ArrayList<>();
    String password;
    try {
      PrivateKey key = Pem.readPrivateKey(read(folder.resolve("server.key")), null, "server.key");
      List<X509Certificate> chain = Pem.readCertificates(read(folder.resolve("server.crt")),
          "server.crt");
      X509Certificate root = Pem.readCertificate(read(folder.resolve("ca.crt")), "ca.crt");
      // As the CSS's Css.tls(): the server identity, the root, peers of purpose CB only.
      tls = TlsContexts.builder().identity(key, chain).trustAnchor(root)
          .acceptPeers(CertificatePurpose.CB).build();
      for (String id : Files.readAllLines(folder.resolve("boxes.txt"), StandardCharsets.UTF_8)) {
        if (!id.isBlank()) {
          boxes.add(CbId.of(id.strip()));
        }
      }
      password = read(folder.resolve("db.password"));
    } catch (IOException | RuntimeException e) {
      System.err.println("bound: cannot read " + folder + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    try (BoundServer server = BoundServer.start(new InetSocketAddress("127.0.0.1", 0), tls,
        args[1], args[2].isEmpty() ? null : args[2], password, boxes)) {
      System.out.println(PORT_LINE + server.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the parent closes our standard input
      }
    } catch (IOException e) {
      System.err.println("bound: " + e.getMessage());
      System.exit(2);
    }
    System.exit(0);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
