package org.connectivitybox.provision;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A progress bar on standard error: redrawn in place on a terminal, one line per tenth of the
 * work otherwise (so that a factory log stays readable).
 */
final class Progress implements AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final int total;
  private final boolean terminal;
  private final boolean quiet;
  private final AtomicInteger done = new AtomicInteger();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private int lastTenth = 0;

  Progress(PrintWriter out, int total, boolean terminal, boolean quiet) {
    this.out = out;
    this.total = total;
    this.terminal = terminal;
    this.quiet = quiet || total == 0;
    if (this.quiet) {
      ticker = null;
    } else {
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::draw, 200, terminal ? 200 : 500, TimeUnit.MILLISECONDS);
    }
  }

  void step() {
    done.incrementAndGet();
  }

  int done() {
    return done.get();
  }

  double ratePerSecond() {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    return seconds <= 0 ? 0 : done.get() / seconds;
  }

  private synchronized void draw() {
    int d = done.get();
    double rate = ratePerSecond();
    String eta = rate > 0 ? String.format("%.0fs", (total - d) / rate) : "?";
    if (terminal) {
      int filled = (int) ((long) WIDTH * d / total);
      out.printf("\r[%s%s] %d/%d  %.0f/s  ETA %s ", "#".repeat(filled), " ".repeat(WIDTH - filled),
          d, total, rate, eta);
    } else {
      int tenth = (int) (10L * d / total);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.printf("%d/%d devices (%d%%), %.0f/s, ETA %s%n", d, total, tenth * 10, rate, eta);
      }
    }
    out.flush();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
      draw();
      if (terminal) {
        out.println();
      }
    }
  }
}
