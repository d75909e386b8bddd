package org.connectivitybox.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Starts one child JVM, times it from just before the process is started to the line on its
 * standard output that says it is ready (wall time, and the child's CPU time read as soon as
 * that line is seen: on a shared machine the CPU time is the steadier figure), waits while it idles, reads its peak and current RSS,
 * and stops it: SIGTERM, then SIGKILL if it is still there after 15 s. The child is stopped on
 * every path, failures included.
 */
final class StartupProbe {
  /** One start: time to ready, and the memory read {@code settle} after it. */
  record Sample(double readyMillis, long cpuMillis, ProcStatus memory, List<String> stdout) {}

  private StartupProbe() {}

  /**
   * @param ready recognises the child's ready line
   * @param stderr where the child's standard error goes (kept for a failure's diagnosis)
   * @throws IOException if the child does not start, dies, or is not ready within {@code limit}
   */
  static Sample run(List<String> command, Predicate<String> ready, Duration limit,
      Duration settle, Path stderr) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.to(stderr.toFile()));
    List<String> lines = new java.util.ArrayList<>();
    CompletableFuture<long[]> readyAt = new CompletableFuture<>();
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      p.getOutputStream().close(); // the child reads nothing
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            long now = System.nanoTime();
            synchronized (lines) {
              lines.add(line);
            }
            if (ready.test(line)) {
              readyAt.complete(new long[] {now, cpuMillis(p)});
            }
          }
          readyAt.completeExceptionally(new IOException("standard output closed"));
        } catch (IOException e) {
          readyAt.completeExceptionally(e);
        }
      }, "probe-stdout");
      reader.setDaemon(true);
      reader.start();
      long[] atReady;
      try {
        atReady = readyAt.get(limit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        throw failure("not ready within " + limit.toSeconds() + " s", p, lines, stderr);
      } catch (ExecutionException e) {
        throw failure("exited before ready", p, lines, stderr);
      }
      Thread.sleep(settle.toMillis());
      if (!p.isAlive()) {
        throw failure("exited after ready", p, lines, stderr);
      }
      ProcStatus memory = ProcStatus.read(p.pid());
      synchronized (lines) {
        return new Sample((atReady[0] - t0) / 1e6, atReady[1], memory, List.copyOf(lines));
      }
    } finally {
      stop(p);
    }
  }

  /** CPU time used so far, or -1 if it cannot be read (the process is gone). */
  private static long cpuMillis(Process p) {
    try {
      return ProcStatus.cpuMillis(p.pid());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(15, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static IOException failure(String what, Process p, List<String> lines, Path stderr) {
    StringBuilder b = new StringBuilder("child ").append(p.pid()).append(' ').append(what);
    synchronized (lines) {
      if (!lines.isEmpty()) {
        b.append("; stdout: ").append(String.join(" | ", lines));
      }
    }
    try {
      List<String> err = Files.readAllLines(stderr);
      b.append("; last of stderr (").append(stderr).append("):");
      for (String l : err.subList(Math.max(0, err.size() - 10), err.size())) {
        b.append(System.lineSeparator()).append("  ").append(l);
      }
    } catch (IOException e) {
      // nothing more to tell
    }
    return new IOException(b.toString());
  }
}
