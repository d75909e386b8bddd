package org.connectivitybox.pstnsim.nap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.pstnsim.exchange.Call;
import org.connectivitybox.pstnsim.exchange.EndCause;
import org.connectivitybox.pstnsim.nap.RadiusGateway.TerminateCause;
import org.tinylog.Logger;

/**
 * One answered call at a NAP: the login exchange of docs/pstn.md §3 that stands in for PPP
 * (PAP, IPCP) on a desktop.
 *
 * <p>States and transitions:
 * <pre>
 *   AWAITING_LOGIN ──LOGIN──▶ AUTHENTICATING ──Access-Accept──▶ ONLINE ──LOGOUT / hang-up──▶ ENDED
 *   AWAITING_LOGIN ──timeout / malformed──▶ ENDED
 *   AUTHENTICATING ──Access-Reject / no server / no address──▶ ENDED (REJECTED, hang-up)
 * </pre>
 * Thread-safe. RADIUS runs on the NAP's worker; a failed Accounting request is logged as a
 * warning and does not end the call.
 */
final class NapSession {
  enum State { AWAITING_LOGIN, AUTHENTICATING, ONLINE, ENDED }

  private static final Pattern LOGIN =
      Pattern.compile("LOGIN ([\\x21-\\x7e]{1,128}) ([\\x21-\\x7e]{1,128})");
  private static final int MAX_LINE = 300;

  private final Nap nap;
  private final Call call;
  private final String sessionId;
  private final StringBuilder line = new StringBuilder();
  private State state = State.AWAITING_LOGIN;
  private ScheduledFuture<?> loginTimer;
  private String user;
  private String address;
  private long onlineAtNanos;
  private long inputOctets;
  private long outputOctets;

  NapSession(Nap nap, Call call, String sessionId) {
    this.nap = nap;
    this.call = call;
    this.sessionId = sessionId;
  }

  synchronized State state() {
    return state;
  }

  /** The call was answered: greet the box and start the login timer. */
  void start(Duration loginTimeout) {
    send("NAP " + nap.settings().name() + " READY");
    synchronized (this) {
      try {
        loginTimer = nap.scheduler().schedule(this::loginTimedOut, loginTimeout.toNanos(),
            TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // shutting down
      }
    }
  }

  private void loginTimedOut() {
    synchronized (this) {
      if (state != State.AWAITING_LOGIN) {
        return;
      }
    }
    Logger.info("NAP {}: {}: no LOGIN in time, hanging up", nap.settings().name(), call);
    nap.worker(() -> hangUp(TerminateCause.IDLE_TIMEOUT, false));
  }

  /** Bytes from the box (paced by the call). */
  void received(byte[] data) {
    for (byte b : data) {
      String complete = null;
      synchronized (this) {
        inputOctets++;
        if (b == '\r' || b == '\n') {
          if (line.length() > 0) {
            complete = line.toString();
            line.setLength(0);
          }
        } else if (line.length() < MAX_LINE) {
          line.append((char) (b & 0xff));
        }
      }
      if (complete != null) {
        onLine(complete);
      }
    }
  }

  private void onLine(String text) {
    State now = state();
    if (text.equals("LOGOUT")) {
      nap.worker(() -> hangUp(TerminateCause.USER_REQUEST, false));
      return;
    }
    if (now != State.AWAITING_LOGIN) {
      return; // after the login, the line carries what would be IP traffic: ignored
    }
    Matcher m = LOGIN.matcher(text);
    if (!m.matches()) {
      reject("malformed login: expected LOGIN <user> <password>");
      return;
    }
    synchronized (this) {
      state = State.AUTHENTICATING;
      if (loginTimer != null) {
        loginTimer.cancel(false);
      }
      user = m.group(1);
    }
    String password = m.group(2);
    nap.worker(() -> authenticate(m.group(1), password));
  }

  private void authenticate(String userName, String password) {
    AuthResult result;
    try {
      result = nap.radius().authenticate(userName, password, call.caller().number());
    } catch (IOException e) {
      Logger.warn("NAP {}: RADIUS: {}", nap.settings().name(), e.getMessage());
      reject("authentication server unreachable");
      return;
    }
    if (!result.accepted()) {
      Logger.info("NAP {}: login of {} rejected: {}", nap.settings().name(), userName,
          result.reason());
      reject(result.reason());
      return;
    }
    String leased = nap.pool().lease().orElse(null);
    if (leased == null) {
      reject("no address available");
      return;
    }
    synchronized (this) {
      if (state != State.AUTHENTICATING) {
        nap.pool().release(leased); // the call ended while RADIUS answered
        return;
      }
      address = leased;
      state = State.ONLINE;
      onlineAtNanos = System.nanoTime();
    }
    Logger.info("NAP {}: {} logged in from {}, address {}", nap.settings().name(), userName,
        call.caller().number(), leased);
    send("ADDRESS " + leased + " " + nap.settings().peerAddress());
    try {
      nap.radius().accountingStart(sessionId, userName, leased, call.caller().number());
    } catch (IOException e) {
      Logger.warn("NAP {}: Accounting-Start for {}: {}", nap.settings().name(), sessionId,
          e.getMessage());
    }
  }

  private void reject(String reason) {
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      if (loginTimer != null) {
        loginTimer.cancel(false);
      }
      state = State.AUTHENTICATING; // no more logins; the hang-up follows
    }
    send("REJECTED " + reason);
    nap.worker(() -> hangUp(TerminateCause.NAS_REQUEST, true));
  }

  /** The NAP hangs up (after what it sent has reached the box, if asked). */
  private void hangUp(TerminateCause cause, boolean drainFirst) {
    if (drainFirst) {
      try {
        call.drain(nap, Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    call.hangUp(nap);
    finish(cause);
  }

  /** The call ended for a reason the NAP did not cause. */
  void ended(EndCause cause) {
    finish(switch (cause) {
      case CARRIER_LOST -> TerminateCause.LOST_CARRIER;
      case SHUTDOWN -> TerminateCause.ADMIN_REBOOT;
      default -> TerminateCause.USER_REQUEST;
    });
  }

  private void finish(TerminateCause cause) {
    String leased;
    long seconds;
    long in;
    long out;
    synchronized (this) {
      if (state == State.ENDED) {
        return;
      }
      state = State.ENDED;
      if (loginTimer != null) {
        loginTimer.cancel(false);
      }
      leased = address;
      seconds = leased == null ? 0 : (System.nanoTime() - onlineAtNanos) / 1_000_000_000L;
      in = inputOctets;
      out = outputOctets;
    }
    nap.sessionEnded(call);
    if (leased == null) {
      return;
    }
    nap.worker(() -> {
      try {
        nap.radius().accountingStop(sessionId, user, leased, call.caller().number(), seconds, in,
            out, cause);
      } catch (IOException e) {
        Logger.warn("NAP {}: Accounting-Stop for {}: {}", nap.settings().name(), sessionId,
            e.getMessage());
      } finally {
        nap.pool().release(leased);
      }
    });
  }

  private void send(String text) {
    byte[] bytes = (text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    try {
      if (call.send(nap, bytes, 0, bytes.length)) {
        synchronized (this) {
          outputOctets += bytes.length;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
