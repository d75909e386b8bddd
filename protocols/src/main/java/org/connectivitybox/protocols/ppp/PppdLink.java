package org.connectivitybox.protocols.ppp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.connectivitybox.protocols.ppp.internal.LinkLifecycle;
import org.connectivitybox.protocols.time.Scheduler;
import org.tinylog.Logger;

/**
 * The board's PPP link: runs pppd on the modem's tty after CONNECT, logs in with PAP, and learns
 * the addresses from pppd's log output.
 *
 * <p>pppd is started through the injected {@link ProcessLauncher} with the arguments of {@link
 * PppdCommandLine}; the password is written to its standard input (never to its command line) and
 * the input closed. One thread from the injected factory reads pppd's output as {@link
 * PppdMessage}s: {@code local  IP address} then {@code remote IP address} make the outcome UP;
 * {@code PAP authentication failed} (with the preceding {@code Remote message} as the reason) or
 * exit status 19 make it REJECTED; an exit before that is FAILED with an IOException naming the
 * {@link PppdExitCode}. Once up, pppd's exit is the link going down: {@code Modem hangup} / 16 is
 * {@link LinkDown.Cause#CALL_ENDED}, {@code LCP terminated by peer} / 15 is {@link
 * LinkDown.Cause#PEER_TERMINATED}, 5 (SIGTERM from someone) is {@link LinkDown.Cause#BROUGHT_DOWN},
 * anything else {@link LinkDown.Cause#LINK_FAILED}.
 *
 * <p>Bringing the link down, a timeout, a rejection or {@link #callEnded()} send pppd SIGTERM (it
 * ends the session with LCP Terminate-Request and exits 5) and SIGKILL after {@link
 * PppdSettings#terminateGrace()} on the injected scheduler. {@link #exited()} completes when pppd
 * has been reaped.
 */
public final class PppdLink implements Link {
  private final PppdSettings settings;
  private final ProcessLauncher launcher;
  private final Scheduler scheduler;
  private final ThreadFactory readerThreads;
  private final LinkLifecycle lifecycle;
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();
  private final List<Consumer<PppdMessage>> messageListeners = new CopyOnWriteArrayList<>();
  private Process process;

  /**
   * @param settings how to run pppd
   * @param launcher starts pppd ({@link ProcessLauncher#system()} on the board)
   * @param clock stamps link-down events
   * @param scheduler runs the bring-up timeout and the SIGKILL after the grace
   * @param readerThreads makes the one thread that reads pppd's output and reaps it
   */
  public PppdLink(PppdSettings settings, ProcessLauncher launcher, Clock clock,
      Scheduler scheduler, ThreadFactory readerThreads) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.readerThreads = Objects.requireNonNull(readerThreads, "readerThreads");
    this.lifecycle = new LinkLifecycle("pppd link on " + settings.device(), clock, scheduler,
        this::terminate);
  }

  @Override
  public CompletableFuture<LinkOutcome> bringUp(Credentials credentials, Duration timeout) {
    Objects.requireNonNull(credentials, "credentials");
    CompletableFuture<LinkOutcome> outcome = lifecycle.begin(timeout);
    List<String> command = PppdCommandLine.of(settings, credentials.user());
    Logger.info("pppd link: starting {}", String.join(" ", command));
    Process p;
    try {
      p = launcher.start(command);
    } catch (IOException e) {
      exited.completeExceptionally(e);
      lifecycle.lost(LinkDown.Cause.LINK_FAILED,
          new IOException("cannot start " + settings.pppd() + ": " + e.getMessage(), e));
      return outcome;
    }
    synchronized (this) {
      process = p;
    }
    try (OutputStream passwordFd = p.getOutputStream()) {
      passwordFd.write(credentials.password().getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      Logger.warn("pppd link: pppd did not take the password: {}", e.getMessage());
    }
    readerThreads.newThread(() -> watch(p)).start();
    if (lifecycle.state() == LinkState.DOWN) {
      terminate(); // timed out or brought down while pppd was starting
    }
    return outcome;
  }

  @Override
  public void bringDown() {
    lifecycle.lost(LinkDown.Cause.BROUGHT_DOWN, "brought down by the box");
  }

  @Override
  public void callEnded() {
    lifecycle.lost(LinkDown.Cause.CALL_ENDED, "the call ended (reported by the PSTN layer)");
  }

  @Override
  public LinkState state() {
    return lifecycle.state();
  }

  @Override
  public void addListener(LinkListener listener) {
    lifecycle.addListener(listener);
  }

  @Override
  public void removeListener(LinkListener listener) {
    lifecycle.removeListener(listener);
  }

  /**
   * Adds a listener for every line pppd logs, parsed (progress for the UI and the log); called on
   * the reader thread, must be fast and must not throw.
   */
  public void addMessageListener(Consumer<PppdMessage> listener) {
    messageListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** pppd's exit status once it has been reaped; exceptional if it could not be started. */
  public CompletableFuture<Integer> exited() {
    return exited.copy();
  }

  /** The reader thread: follows pppd's log to its end, reaps pppd, and reports what it meant. */
  private void watch(Process p) {
    PppdTranscript seen = new PppdTranscript();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.ISO_8859_1))) {
      String line;
      while ((line = out.readLine()) != null) {
        Logger.debug("pppd: {}", line);
        PppdMessage m = PppdMessage.parse(line);
        seen.add(m);
        for (Consumer<PppdMessage> l : messageListeners) {
          try {
            l.accept(m);
          } catch (RuntimeException e) {
            Logger.warn(e, "pppd link: a message listener threw");
          }
        }
        if (m instanceof PppdMessage.RemoteAddress r && seen.local() != null) {
          lifecycle.up(seen.local(), r.address());
        } else if (m instanceof PppdMessage.Authentication a && !a.succeeded()) {
          lifecycle.rejected(seen.rejection());
        }
      }
    } catch (IOException e) {
      Logger.debug("pppd link: output ended: {}", e.getMessage());
    }
    int status = reap(p);
    exited.complete(status);
    String detail = "pppd exited with " + PppdExitCode.describe(status) + seen.summary();
    PppdExitCode code = PppdExitCode.of(status);
    if (code == PppdExitCode.AUTH_TOPEER_FAILED) {
      lifecycle.rejected(seen.rejection());
    }
    lifecycle.lost(causeOf(code, seen), detail);
  }

  private static LinkDown.Cause causeOf(PppdExitCode code, PppdTranscript seen) {
    if (code == PppdExitCode.HANGUP || seen.modemHangup()) {
      return LinkDown.Cause.CALL_ENDED;
    } else if (code == PppdExitCode.PEER_DEAD || seen.terminatedByPeer()) {
      return LinkDown.Cause.PEER_TERMINATED;
    } else if (code == PppdExitCode.USER_REQUEST) {
      return LinkDown.Cause.BROUGHT_DOWN;
    }
    return LinkDown.Cause.LINK_FAILED;
  }

  /** Waits for pppd to exit, bounded by the grace twice over (SIGKILL in between). */
  private int reap(Process p) {
    long grace = settings.terminateGrace().toMillis();
    try {
      if (!p.waitFor(grace, TimeUnit.MILLISECONDS)) {
        Logger.warn("pppd link: pppd closed its output but did not exit; killing it");
        p.destroyForcibly();
        if (!p.waitFor(grace, TimeUnit.MILLISECONDS)) {
          Logger.error("pppd link: pppd (pid {}) could not be reaped", p.pid());
          return -1;
        }
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return -1;
    }
  }

  /** SIGTERM now, SIGKILL after the grace if pppd is still there. Runs when the link goes down. */
  private void terminate() {
    Process p;
    synchronized (this) {
      p = process;
    }
    if (p == null || !p.isAlive()) {
      return;
    }
    Logger.info("pppd link: stopping pppd (pid {})", p.pid());
    // Through the handle: Process.destroy() would also close pppd's output, losing its last words
    // (connect time, bytes) and killing it with SIGPIPE when it writes them.
    p.toHandle().destroy();
    scheduler.schedule(settings.terminateGrace(), () -> {
      if (p.isAlive()) {
        Logger.warn("pppd link: pppd (pid {}) ignored SIGTERM; killing it", p.pid());
        p.toHandle().destroyForcibly();
      }
    });
  }

  /** What the reader has seen of pppd's log so far. */
  private static final class PppdTranscript {
    private InetAddress local;
    private String remoteMessage;
    private String failedAuthentication;
    private boolean modemHangup;
    private PppdMessage.TerminatedByPeer terminated;
    private PppdMessage.Traffic traffic;

    void add(PppdMessage m) {
      if (m instanceof PppdMessage.LocalAddress l) {
        local = l.address();
      } else if (m instanceof PppdMessage.RemoteMessage r) {
        remoteMessage = r.text();
      } else if (m instanceof PppdMessage.Authentication a && !a.succeeded()) {
        failedAuthentication = a.protocol() + " authentication failed";
      } else if (m instanceof PppdMessage.ModemHangup) {
        modemHangup = true;
      } else if (m instanceof PppdMessage.TerminatedByPeer t) {
        terminated = t;
      } else if (m instanceof PppdMessage.Traffic t) {
        traffic = t;
      }
    }

    InetAddress local() {
      return local;
    }

    boolean modemHangup() {
      return modemHangup;
    }

    boolean terminatedByPeer() {
      return terminated != null;
    }

    /** The NAP's reason: its PAP message if it sent one, else what failed. */
    String rejection() {
      if (remoteMessage != null && !remoteMessage.isEmpty()) {
        return remoteMessage;
      }
      return failedAuthentication != null ? failedAuthentication : "login refused by the peer";
    }

    String summary() {
      StringBuilder s = new StringBuilder();
      if (modemHangup) {
        s.append(", after Modem hangup");
      }
      if (terminated != null) {
        s.append(", after ").append(terminated.protocol()).append(" terminated by peer");
        if (terminated.reason() != null) {
          s.append(" (").append(terminated.reason()).append(')');
        }
      }
      if (traffic != null) {
        s.append("; sent ").append(traffic.sentBytes()).append(" bytes, received ")
            .append(traffic.receivedBytes()).append(" bytes");
      }
      return s.toString();
    }
  }
}
