package org.connectivitybox.firmware.line;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.connectivitybox.protocols.ppp.Credentials;
import org.connectivitybox.protocols.ppp.Link;
import org.connectivitybox.protocols.ppp.LinkOutcome;
import org.connectivitybox.protocols.pstn.CbsMonitor;
import org.connectivitybox.protocols.pstn.DataCall;
import org.connectivitybox.protocols.pstn.DialOutcome;
import org.connectivitybox.protocols.pstn.DialString;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemEvent;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.tinylog.Logger;

/**
 * The box's telephone line: dials its NAP and brings the link up ({@link #dialIn}), hangs up
 * ({@link #hangUp}), and, while idle, listens with the CBS monitor for the CSS's wakeup calls.
 *
 * <p>A wakeup is reported once the wakeup call has ended (the line has been silent for the
 * wakeup parameters' silence), so that the box never dials out into a line that still rings.
 * During a session a lost carrier or a link that goes down is reported as {@link
 * Listener#lineLost()}. One session at a time; thread-safe.
 */
public final class NapLine implements AutoCloseable {

  /** What the line tells its owner; called on the line's own thread, must not block long. */
  public interface Listener {
    /** The CSS rang: dial in and CONNECT. */
    void wakeup(WakeupVerdict verdict);

    /** The session's call or link went down. */
    void lineLost(String why);
  }

  /**
   * A session on line: the box's address for this call, the NAP's, the call's rate, and the
   * sockets every connection of the session must use ({@link SessionSockets}).
   */
  public record Session(InetAddress local, InetAddress peer, int rateBps,
      SessionSockets sockets) {}

  private final ModemDriver modem;
  private final LinkFactory links;
  private volatile Listener listener;
  private final BlockingQueue<ModemEvent> events = new LinkedBlockingQueue<>();
  private final Thread monitorThread;
  private final boolean paced;
  private volatile WakeupParameters wakeup;
  private volatile boolean closed;
  private Link link;
  private SessionSockets sockets;
  private boolean inSession;

  /**
   * @param modem an initialised modem driver; the line takes it over (and closes it)
   * @param wakeup how the CSS's wakeup calls are recognised; null: none are (not configured)
   * @param paced whether the session's sockets are paced to the line rate (the desktop, where
   *     IP traffic does not cross the simulated line; see {@link SessionSockets})
   */
  public NapLine(ModemDriver modem, LinkFactory links, WakeupParameters wakeup, boolean paced,
      Listener listener) {
    this.paced = paced;
    this.modem = Objects.requireNonNull(modem, "modem");
    this.links = Objects.requireNonNull(links, "links");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.wakeup = wakeup;
    modem.addListener(events::add);
    this.monitorThread = new Thread(this::monitor, "cbs-monitor");
    this.monitorThread.setDaemon(true);
    this.monitorThread.start();
  }

  /**
   * Hands the line to a new owner: the configurator while the box configures itself, then the
   * coordinator (the box has one modem and keeps one line).
   *
   * @return the previous owner, to hand the line back to
   */
  public Listener listener(Listener owner) {
    Listener previous = this.listener;
    this.listener = Objects.requireNonNull(owner, "owner");
    return previous;
  }

  /** New wakeup parameters (after configuration). */
  public void wakeupParameters(WakeupParameters parameters) {
    this.wakeup = parameters;
  }

  /**
   * Dials {@code nap}, then brings the link up with {@code credentials}.
   *
   * @throws LineException with the reason if the box is not on line afterwards (the line is
   *     hung up then)
   */
  public Session dialIn(TelephoneNumber nap, Credentials credentials, Duration callSetup,
      Duration login) throws LineException {
    synchronized (this) {
      if (inSession) {
        throw new LineException("LINE BUSY", "a session is already on line", null);
      }
      inSession = true;
    }
    try {
      DialOutcome dialled = modem.dial(DialString.of(nap), callSetup);
      if (dialled.kind() != DialOutcome.Kind.CONNECTED) {
        throw new LineException(dialled.kind().name().replace('_', ' '),
            "dialling the NAP " + nap + ": " + dialled.kind(), null);
      }
      DataCall call = modem.dataCall().orElseThrow(() ->
          new LineException("NO CARRIER", "the call to the NAP ended at once", null));
      Link l = links.over(call);
      synchronized (this) {
        link = l;
      }
      LinkOutcome outcome = l.bringUp(credentials, login).get(login.toMillis() + 5_000,
          TimeUnit.MILLISECONDS);
      if (outcome instanceof LinkOutcome.Up up) {
        SessionSockets s = new SessionSockets(up.local(), paced ? call.rateBps() : 0);
        synchronized (this) {
          sockets = s;
        }
        l.addListener(down -> lost("link down: " + down.cause() + " " + down.detail()));
        Logger.info("on line as {} (NAP {}, {} bit/s)", up.local().getHostAddress(),
            up.peer().getHostAddress(), call.rateBps());
        return new Session(up.local(), up.peer(), call.rateBps(), s);
      }
      String reason = outcome instanceof LinkOutcome.Rejected ? "LOGIN REFUSED"
          : outcome instanceof LinkOutcome.TimedOut ? "LOGIN TIMEOUT" : "NO LINK";
      throw new LineException(reason, "the link to the NAP did not come up: " + outcome, null);
    } catch (LineException e) {
      hangUp();
      throw e;
    } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
      hangUp();
      throw new LineException("NO LINE", "the line failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      hangUp();
      throw new LineException("STOPPED", "interrupted while going on line", e);
    }
  }

  private synchronized boolean sessionActive() {
    return inSession;
  }

  /** The session's call or link went down under it: its connections go too. */
  private void lost(String why) {
    SessionSockets s;
    synchronized (this) {
      if (!inSession) {
        return;
      }
      s = sockets;
    }
    if (s != null) {
      s.kill();
    }
    listener.lineLost(why);
  }

  /** Ends the session, if any: the link down and the modem on hook. Never throws. */
  public void hangUp() {
    Link l;
    SessionSockets s;
    synchronized (this) {
      l = link;
      s = sockets;
      link = null;
      sockets = null;
      inSession = false;
    }
    if (s != null) {
      s.kill();
    }
    if (l != null) {
      try {
        l.bringDown();
      } catch (RuntimeException e) {
        Logger.warn("bringing the link down: {}", e.getMessage());
      }
    }
    try {
      modem.hangUp();
    } catch (IOException | RuntimeException e) {
      Logger.warn("hanging up: {}", e.getMessage());
    }
  }

  /** Whether a session is on line. */
  public boolean onLine() {
    return sessionActive();
  }

  private void monitor() {
    CbsMonitor cbs = null;
    WakeupParameters current = null;
    Optional<WakeupVerdict> pending = Optional.empty();
    while (!closed) {
      ModemEvent e;
      try {
        e = events.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException x) {
        return;
      }
      if (e instanceof ModemEvent.CarrierLost && sessionActive()) {
        lost("carrier lost");
        continue;
      }
      WakeupParameters w = wakeup;
      if (w == null || sessionActive()) {
        continue;
      }
      if (w != current) {
        cbs = new CbsMonitor(w);
        current = w;
      }
      Optional<WakeupVerdict> v = e != null ? cbs.onEvent(e) : cbs.onTick(Instant.now());
      if (v.isPresent()) {
        Logger.info("incoming call: {}", v.get());
        if (v.get().wakeup()) {
          pending = v;
        }
      }
      if (pending.isPresent() && cbs.state() == CbsMonitor.State.IDLE) {
        WakeupVerdict verdict = pending.get();
        pending = Optional.empty();
        listener.wakeup(verdict);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    hangUp();
    monitorThread.interrupt();
    try {
      monitorThread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    modem.close();
  }
}
