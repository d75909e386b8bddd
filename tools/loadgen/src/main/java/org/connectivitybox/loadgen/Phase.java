package org.connectivitybox.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * Runs linkups of every pair in parallel (one thread per pair, one linkup of a pair at a time)
 * until {@code linkups} have been started or the hard deadline passes, and collects their
 * records.
 *
 * <p>At the deadline no new linkup starts, and the sockets of every box are closed, so that
 * calls still in flight fail at once; those linkups are recorded as cut off, neither completed
 * nor failed. The phase's elapsed time runs from its start to the end of its last linkup (or
 * the deadline).
 */
final class Phase {
  /** What a phase came to. */
  record Result(List<LinkupRecord> records, Duration elapsed) {}

  private final List<Pair> pairs;
  private final AtomicBoolean cutOff = new AtomicBoolean();

  Phase(List<Pair> pairs) {
    this.pairs = List.copyOf(pairs);
  }

  /** True once this phase's deadline has passed; the flow's cut-off signal. */
  boolean isCutOff() {
    return cutOff.get();
  }

  /**
   * Runs up to {@code linkups} linkups within {@code duration}.
   *
   * @param flow made with {@link #isCutOff} as its cut-off signal
   * @param label names the phase in progress lines on standard error
   */
  Result run(LinkupFlow flow, long linkups, Duration duration, String label)
      throws InterruptedException {
    AtomicLong tickets = new AtomicLong(linkups);
    List<LinkupRecord> records = Collections.synchronizedList(new ArrayList<>());
    Map<String, String> firstDetail = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (Pair pair : pairs) {
      Thread t = new Thread(() -> {
        while (!cutOff.get() && System.nanoTime() < deadline && tickets.getAndDecrement() > 0) {
          LinkupRecord r = flow.run(pair);
          records.add(r);
          if (r instanceof LinkupRecord.Failed f && firstDetail.putIfAbsent(f.kind(), "") == null) {
            Logger.warn("{}: linkup of {} -> {} failed: {} ({})", label, pair.sender(),
                pair.receiver(), f.kind(), f.detail());
          }
        }
      }, "linkups-" + pair.sender().cbId());
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    long lastReport = start;
    for (Thread t : threads) {
      while (t.isAlive()) {
        long now = System.nanoTime();
        if (now >= deadline && !cutOff.get()) {
          cutOff.set(true);
          Logger.info("{}: the deadline of {} s passed: cutting off linkups in flight", label,
              duration.toSeconds());
          abortAll();
        }
        if (now - lastReport >= 5_000_000_000L) {
          lastReport = now;
          Logger.info("{}: {} linkups done ({} s)", label, records.size(),
              (now - start) / 1_000_000_000L);
        }
        long waitMillis = Math.max(1, Math.min(200, (deadline - now) / 1_000_000));
        t.join(cutOff.get() ? 200 : waitMillis);
        if (cutOff.get()) {
          abortAll(); // sockets a linkup opened after the first abort
        }
      }
    }
    long end = Math.min(System.nanoTime(), deadline);
    return new Result(List.copyOf(records), Duration.ofNanos(end - start));
  }

  private void abortAll() {
    for (Pair p : pairs) {
      p.sender().sockets().abort();
      p.receiver().sockets().abort();
    }
  }
}
