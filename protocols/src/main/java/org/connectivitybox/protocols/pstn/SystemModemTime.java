package org.connectivitybox.protocols.pstn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Wall-clock time with one daemon timer thread; {@link #close()} stops the thread. */
public final class SystemModemTime implements ModemTime, AutoCloseable {
  private final Clock clock;
  private final ScheduledExecutorService timer;

  public SystemModemTime() {
    this.clock = Clock.systemUTC();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "modem-timer");
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    this.timer = executor;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /** Stops the timer thread, waiting at most 1 s; tasks not yet run are dropped. */
  @Override
  public void close() throws InterruptedException {
    timer.shutdownNow();
    timer.awaitTermination(1, TimeUnit.SECONDS);
  }
}
