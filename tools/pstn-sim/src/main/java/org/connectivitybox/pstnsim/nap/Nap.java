package org.connectivitybox.pstnsim.nap;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.connectivitybox.pstnsim.exchange.Call;
import org.connectivitybox.pstnsim.exchange.CallerId;
import org.connectivitybox.pstnsim.exchange.EndCause;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.exchange.Terminal;
import org.tinylog.Logger;

/**
 * A network access point on a number of the exchange: a bank of {@code ports} modems that answer
 * after {@code answerAfterRings} rings, log boxes in through RADIUS and lease them addresses
 * (docs/pstn.md §3). A call beyond its ports is BUSY. Thread-safe.
 *
 * <p>{@link #close} ends nothing by itself (the exchange ends the calls); it stops the RADIUS
 * worker after at most 5 s and closes the RADIUS client.
 */
public final class Nap implements Terminal, AutoCloseable {
  private final NapSettings settings;
  private final AddressPool pool;
  private final RadiusGateway radius;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService worker;
  private final Map<Call, NapSession> sessions = new ConcurrentHashMap<>();
  private final Map<Call, Boolean> offered = new ConcurrentHashMap<>();
  private final AtomicLong sessionIds = new AtomicLong();

  /** @param scheduler the exchange's event scheduler, for the login timers */
  public Nap(NapSettings settings, ScheduledExecutorService scheduler) {
    this.settings = settings;
    this.pool = new AddressPool(settings.poolFirst(), settings.poolLast());
    this.radius = new RadiusGateway(settings.radius(), settings.name(), settings.number());
    this.scheduler = scheduler;
    this.worker = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "NAP " + settings.name());
      t.setDaemon(true);
      return t;
    });
  }

  public NapSettings settings() {
    return settings;
  }

  AddressPool pool() {
    return pool;
  }

  RadiusGateway radius() {
    return radius;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** Runs RADIUS and hang-ups off the exchange's event thread. */
  void worker(Runnable task) {
    try {
      worker.execute(task);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** Addresses leased now. */
  public int leasedAddresses() {
    return pool.leasedCount();
  }

  /** Calls offered or answered now. */
  public int callsInProgress() {
    return offered.size();
  }

  @Override
  public String number() {
    return settings.number();
  }

  @Override
  public int rateBps() {
    return settings.rateBps();
  }

  @Override
  public synchronized boolean offer(Call call) {
    if (offered.size() >= settings.ports()) {
      return false;
    }
    offered.put(call, Boolean.TRUE);
    return true;
  }

  @Override
  public void ringStarted(Call call, int ring, RingCadence cadence) {
    if (offered.containsKey(call) && ring >= settings.answerAfterRings()) {
      call.answer();
    }
  }

  @Override
  public void ringEnded(Call call, int ring, RingCadence cadence) {
  }

  @Override
  public void callerId(Call call, CallerId callerId) {
  }

  @Override
  public void connected(Call call, int rateBps) {
    if (!offered.containsKey(call)) {
      return;
    }
    NapSession s = new NapSession(this, call,
        settings.name() + "-" + Long.toHexString(System.currentTimeMillis()) + "-"
            + sessionIds.incrementAndGet());
    sessions.put(call, s);
    s.start(settings.loginTimeout());
  }

  @Override
  public void received(Call call, byte[] data) {
    NapSession s = sessions.get(call);
    if (s != null) {
      s.received(data);
    }
  }

  @Override
  public void ended(Call call, EndCause cause) {
    NapSession s = sessions.get(call);
    if (s != null) {
      s.ended(cause);
    }
    offered.remove(call);
  }

  void sessionEnded(Call call) {
    sessions.remove(call);
    offered.remove(call);
  }

  @Override
  public void close() {
    worker.shutdown();
    try {
      if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
        worker.shutdownNow();
        Logger.warn("NAP {}: RADIUS requests still running at shutdown", settings.name());
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
    radius.close();
  }
}
