package org.connectivitybox.hal.testpeers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A third-party program a test runs as a peer (ippeveprinter, saned), with its output in a log
 * file; stopped by its own PID.
 */
public final class PeerProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private PeerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command}, its stdout and stderr going to {@code log}. */
  public static PeerProcess start(List<String> command, Path log, java.util.Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new PeerProcess(command.get(0), pb.start(), log);
  }

  /** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Waits until 127.0.0.1:{@code port} accepts connections; fails with the log if it never does. */
  public void awaitPort(int port, Duration limit) throws IOException, InterruptedException {
    long end = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < end) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException(name + " did not listen on " + port + " within " + limit
        + ":\n" + log());
  }

  /** What the program has written so far. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** The PID. */
  public long pid() {
    return process.pid();
  }

  /** Stops the program by its PID: SIGTERM, then SIGKILL after 5 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
