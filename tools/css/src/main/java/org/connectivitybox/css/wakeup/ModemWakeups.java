package org.connectivitybox.css.wakeup;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.connectivitybox.hal.serial.SerialLine;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.protocols.pstn.DialString;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.ModemTime;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupDialler;
import org.connectivitybox.protocols.pstn.WakeupOutcome;
import org.connectivitybox.protocols.tls.CbId;
import org.tinylog.Logger;

/**
 * The call-back signalling server over modem lines: each line (a simulator line {@code
 * tcp:127.0.0.1:PORT}, or a serial device with a real modem) places one wakeup call at a time
 * with {@link WakeupDialler} — dial, let it ring {@code rings} cycles, hang up unanswered. The
 * box knows the call by the line's caller ID (the CSS's number in its wakeup parameters).
 *
 * <p>Requests wait in one queue served by one thread per line, in order. A request for a box
 * whose call is already queued joins that call. A line is opened and initialised when its first
 * call comes and re-opened after a failure, so the CSS starts even while the exchange is down;
 * such a call fails ({@code NO_LINE}) and the next one tries again.
 */
public final class ModemWakeups implements CallbackSignallingServer {
  private final List<Thread> workers = new ArrayList<>();
  private final Map<CbId, Pending> queue = new LinkedHashMap<>();
  private final ModemProfile profile;
  private final ModemTime time;
  private final int rings;
  private final Duration cycle;
  private boolean closed;

  /** A queued call and everybody waiting for it. */
  private static final class Pending {
    final WakeupCall call;
    final List<Consumer<WakeupResult>> waiting = new ArrayList<>();

    Pending(WakeupCall call) {
      this.call = call;
    }
  }

  /**
   * @param lines line specs as {@link SerialLines#open} takes them; at least one
   * @param rings ring cycles per call, 1..10
   * @param time the lines' time; closed with this server if it is {@link AutoCloseable}
   * @param cycle one ring cycle of the exchange (6 s in docs/pstn.md)
   */
  public ModemWakeups(List<String> lines, ModemProfile profile, ModemTime time, int rings,
      Duration cycle) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("at least one wakeup line is needed");
    }
    this.profile = Objects.requireNonNull(profile, "profile");
    this.time = Objects.requireNonNull(time, "time");
    if (rings < 1 || rings > 10) {
      throw new IllegalArgumentException("wakeup rings must be between 1 and 10: " + rings);
    }
    if (cycle.compareTo(Duration.ofSeconds(1)) < 0 || cycle.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("ring cycle must be between 1 s and 30 s: " + cycle);
    }
    this.rings = rings;
    this.cycle = cycle;
    for (String spec : lines) {
      Thread t = new Thread(() -> serve(spec), "css-wakeup " + spec);
      t.setDaemon(true);
      workers.add(t);
    }
    workers.forEach(Thread::start);
  }

  @Override
  public void wakeUp(WakeupCall call, Consumer<WakeupResult> done) {
    synchronized (queue) {
      if (!closed) {
        queue.computeIfAbsent(call.cbId(), k -> new Pending(call)).waiting.add(done);
        queue.notifyAll();
        return;
      }
    }
    done.accept(WakeupResult.failed("the call-back signalling server is stopped"));
  }

  private Pending take() throws InterruptedException {
    synchronized (queue) {
      while (queue.isEmpty() && !closed) {
        queue.wait();
      }
      if (closed) {
        return null;
      }
      var first = queue.entrySet().iterator().next();
      queue.remove(first.getKey());
      return first.getValue();
    }
  }

  private void serve(String spec) {
    ModemDriver driver = null;
    try {
      while (true) {
        Pending p = take();
        if (p == null) {
          return;
        }
        WakeupResult result;
        try {
          if (driver == null) {
            driver = open(spec);
          }
          WakeupOutcome outcome = new WakeupDialler(driver, time, rings, cycle)
              .wakeUp(DialString.of(TelephoneNumber.of(p.call.number().value())));
          result = switch (outcome) {
            case RANG -> WakeupResult.placed("rang " + rings + " cycles on " + spec);
            case ANSWERED -> WakeupResult.placed("answered and hung up at once on " + spec);
            default -> WakeupResult.failed(outcome + " on " + spec);
          };
          if (outcome == WakeupOutcome.NO_LINE) {
            driver = close(driver);
          }
        } catch (IOException | RuntimeException e) {
          result = WakeupResult.failed("line " + spec + " unusable: " + e.getMessage());
          driver = close(driver);
        }
        Logger.info("wakeup of {} ({}) for job {}: {}", p.call.cbId(), p.call.number(),
            p.call.jobNumber(), result.detail());
        for (Consumer<WakeupResult> w : p.waiting) {
          w.accept(result);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close(driver);
    }
  }

  private ModemDriver open(String spec) throws IOException {
    SerialLine line = SerialLines.open(spec);
    ModemDriver d = ModemDriver.start(line, profile, time, ModemSettings.DEFAULTS);
    try {
      d.initialise();
    } catch (IOException | RuntimeException e) {
      close(d);
      throw e;
    }
    Logger.info("wakeup line {} ready", spec);
    return d;
  }

  private static ModemDriver close(ModemDriver d) {
    if (d != null) {
      try {
        d.close();
      } catch (RuntimeException e) {
        Logger.warn("closing a wakeup line: {}", e.getMessage());
      }
    }
    return null;
  }

  @Override
  public void close() {
    List<Pending> dropped;
    synchronized (queue) {
      closed = true;
      dropped = new ArrayList<>(queue.values());
      queue.clear();
      queue.notifyAll();
    }
    for (Pending p : dropped) {
      p.waiting.forEach(w -> w.accept(WakeupResult.failed("the CSS is stopping")));
    }
    for (Thread t : workers) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (time instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        Logger.warn("stopping the wakeup lines' timer: {}", e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "wakeups over " + workers.size() + " modem line(s), " + rings + " rings";
  }
}
