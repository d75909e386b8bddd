package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code line-rate}: the effective data rate of a call through the PSTN simulator against the
 * configured line rate. Starts the simulator in-process with two lines, dials one from the
 * other over its TCP port, answers, and times N bytes from the first byte written to the last
 * byte read, in each direction.
 */
@Command(name = "line-rate", mixinStandardHelpOptions = true,
    description = {"Effective rate of a simulated modem call against the configured line rate.",
        "Prints one row per run and direction, then the medians."})
final class LineRate implements Callable<Integer> {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Option(names = "--bytes", defaultValue = "65536",
      description = "Bytes sent each way per run, 1 to 262144 (default ${DEFAULT-VALUE}).")
  int bytes;

  @Option(names = "--rate", defaultValue = "33600",
      description = "Line rate of both lines in bit/s, 300 to 56000 (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--runs", defaultValue = "3",
      description = "Calls to measure, 1 to 20 (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() throws Exception {
    if (bytes < 1 || bytes > 262_144 || rate < 300 || rate > 56_000 || runs < 1 || runs > 20) {
      System.err.println("line-rate: --bytes 1..262144, --rate 300..56000, --runs 1..20");
      return 2;
    }
    RingCadence fast = new RingCadence(Duration.ofMillis(100), Duration.ofMillis(100));
    SimConfig config = new SimConfig(new ExchangeSettings(fast, Map.of(), CallBarring.Rules.OFF),
        List.of(new LineConfig("1001", 0, rate, false, Presentation.AVAILABLE, null),
            new LineConfig("2002", 0, rate, false, Presentation.AVAILABLE, null)),
        List.of(), null, -1);
    double floor = bytes * 8.0 / rate;
    System.out.printf("| run | direction | bytes | configured bit/s | seconds | floor s "
        + "(bytes × 8 / rate) | effective bit/s | effective / configured |%n");
    System.out.printf("|--:|---|--:|--:|--:|--:|--:|--:|%n");
    List<Double> effective = new ArrayList<>();
    try (Simulator sim = Simulator.start(config)) {
      for (int run = 1; run <= runs; run++) {
        System.err.printf("line-rate: run %d of %d (%d bytes each way at %d bit/s, >= %.1f s "
            + "each)%n", run, runs, bytes, rate, floor);
        try (Line a = new Line(sim.port("1001")); Line b = new Line(sim.port("2002"))) {
          a.command("ATE0S8=0", "OK");
          b.command("ATE0", "OK");
          a.send("ATDT2002\r");
          b.await("RING");
          b.command("ATA", "CONNECT " + rate);
          a.await("CONNECT " + rate);
          for (String dir : new String[] {"caller→callee", "callee→caller"}) {
            Line from = dir.startsWith("caller") ? a : b;
            Line to = from == a ? b : a;
            double s = transfer(from, to);
            double bps = bytes * 8.0 / s;
            effective.add(bps);
            System.out.printf("| %d | %s | %d | %d | %.3f | %.3f | %.0f | %.4f |%n", run, dir,
                bytes, rate, s, floor, bps, bps / rate);
          }
        }
        awaitIdle(sim);
      }
    }
    effective.sort(Double::compare);
    double median = effective.get(effective.size() / 2);
    System.out.printf("%nmedian effective rate %.0f bit/s = %.4f of the configured %d bit/s "
        + "(%d transfers of %d bytes)%n", median, median / rate, rate, effective.size(), bytes);
    return 0;
  }

  private double transfer(Line from, Line to) throws Exception {
    byte[] data = new byte[bytes];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) ('a' + i % 26);
    }
    long t0 = System.nanoTime();
    Thread writer = new Thread(() -> {
      try {
        from.out.write(data);
        from.out.flush();
      } catch (IOException e) {
        // the reader reports the shortfall
      }
    }, "line-rate writer");
    writer.start();
    to.readExactly(bytes);
    long t1 = System.nanoTime();
    writer.join(WAIT.toMillis());
    return (t1 - t0) / 1e9;
  }

  private static void awaitIdle(Simulator sim) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!sim.exchange().activeCalls().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  /** One computer on a simulated line: AT commands and raw data over TCP, reads bounded. */
  private static final class Line implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    Line(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) WAIT.toMillis());
      out = socket.getOutputStream();
      in = socket.getInputStream();
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    void command(String line, String expect) throws IOException {
      send(line + "\r");
      await(expect);
    }

    void await(String text) throws IOException {
      StringBuilder seen = new StringBuilder();
      try {
        while (seen.indexOf(text) < 0) {
          int b = in.read();
          if (b < 0) {
            throw new IOException("line closed while waiting for " + text + ": " + seen);
          }
          seen.append((char) b);
        }
        // the rest of the result line
        while (seen.charAt(seen.length() - 1) != '\n') {
          seen.append((char) in.read());
        }
      } catch (SocketTimeoutException e) {
        throw new IOException("no '" + text + "' within " + WAIT + ": " + seen, e);
      }
    }

    void readExactly(int n) throws IOException {
      byte[] buf = new byte[8192];
      int got = 0;
      while (got < n) {
        int r = in.read(buf, 0, Math.min(buf.length, n - got));
        if (r < 0) {
          throw new IOException("line closed after " + got + " of " + n + " bytes");
        }
        got += r;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
