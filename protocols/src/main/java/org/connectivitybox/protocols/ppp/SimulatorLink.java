package org.connectivitybox.protocols.ppp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import org.connectivitybox.protocols.ppp.internal.LinkLifecycle;
import org.connectivitybox.protocols.ppp.internal.NapCodec;
import org.connectivitybox.protocols.ppp.internal.NapLineReader;
import org.connectivitybox.protocols.time.Scheduler;
import org.tinylog.Logger;

/**
 * The desktop's stand-in for PPP: logs in at the simulator's NAP over the call's data channel and
 * learns the box's 127.0.0.0/8 address (docs/pstn.md section 3).
 *
 * <pre>
 *   NAP → box   NAP &lt;name&gt; READY
 *   box → NAP   LOGIN &lt;user&gt; &lt;password&gt;
 *   NAP → box   ADDRESS &lt;box&gt; &lt;peer&gt;   → UP          | REJECTED &lt;reason&gt; → REJECTED
 *   box → NAP   LOGOUT                    (bringDown while up)
 * </pre>
 *
 * <p>Failure behaviour: end of stream (or a {@code NO CARRIER} line) is carrier lost — FAILED
 * while establishing, {@link LinkDown.Cause#CALL_ENDED} when up; a line out of turn, a malformed
 * line, or a box address outside 127.0.0.0/8 is a {@link NapProtocolException} (FAILED, or {@link
 * LinkDown.Cause#LINK_FAILED} when up) that quotes what was received. Any line after {@code
 * ADDRESS} other than blank lines or {@code NO CARRIER} is such a violation. The data channel is
 * read by one thread from the injected factory and closed when the link goes down.
 */
public final class SimulatorLink implements Link {
  private final InputStream fromNap;
  private final OutputStream toNap;
  private final ThreadFactory readerThreads;
  private final LinkLifecycle lifecycle;
  private final Object writeLock = new Object();

  /**
   * @param fromNap the call's data from the NAP
   * @param toNap the call's data to the NAP
   * @param clock stamps link-down events
   * @param scheduler runs the bring-up timeout
   * @param readerThreads makes the one thread that reads the NAP's lines
   */
  public SimulatorLink(InputStream fromNap, OutputStream toNap, Clock clock, Scheduler scheduler,
      ThreadFactory readerThreads) {
    this.fromNap = Objects.requireNonNull(fromNap, "fromNap");
    this.toNap = Objects.requireNonNull(toNap, "toNap");
    this.readerThreads = Objects.requireNonNull(readerThreads, "readerThreads");
    this.lifecycle = new LinkLifecycle("simulator link", clock, scheduler, this::closeChannel);
  }

  @Override
  public CompletableFuture<LinkOutcome> bringUp(Credentials credentials, Duration timeout) {
    Objects.requireNonNull(credentials, "credentials");
    CompletableFuture<LinkOutcome> outcome = lifecycle.begin(timeout);
    Thread reader = readerThreads.newThread(() -> converse(credentials));
    reader.start();
    return outcome;
  }

  @Override
  public void bringDown() {
    if (lifecycle.state() == LinkState.UP) {
      try {
        send(NapCodec.logout());
      } catch (IOException e) {
        Logger.debug("simulator link: LOGOUT not sent: {}", e.getMessage());
      }
    }
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

  /** The reader thread: the whole conversation of section 3, then watching for the call's end. */
  private void converse(Credentials credentials) {
    NapLineReader lines = new NapLineReader(fromNap);
    try {
      NapCodec.NapLine first = expect(lines, "NAP <name> READY");
      if (!(first instanceof NapCodec.Ready)) {
        throw outOfTurn(first, "NAP <name> READY");
      }
      send(NapCodec.login(credentials));
      NapCodec.NapLine answer = expect(lines, "ADDRESS or REJECTED");
      if (answer instanceof NapCodec.Rejected r) {
        lifecycle.rejected(r.reason());
        return;
      }
      if (!(answer instanceof NapCodec.Address a)) {
        throw outOfTurn(answer, "ADDRESS <box> <peer> or REJECTED <reason>");
      }
      if (!NapCodec.isLoopback127(a.box())) {
        throw new NapProtocolException("the NAP assigned box address "
            + a.box().getHostAddress() + ", outside 127.0.0.0/8");
      }
      if (!lifecycle.up(a.box(), a.peer())) {
        return; // timed out or brought down meanwhile
      }
      NapCodec.NapLine after = expect(lines, "nothing after ADDRESS");
      throw outOfTurn(after, "nothing after ADDRESS");
    } catch (CarrierLost e) {
      lifecycle.lost(LinkDown.Cause.CALL_ENDED, e.getMessage());
    } catch (IOException e) {
      if (lifecycle.state() != LinkState.DOWN) {
        lifecycle.lost(LinkDown.Cause.LINK_FAILED, e);
      }
    }
  }

  /** The next line, or {@link CarrierLost} at end of stream or NO CARRIER. */
  private NapCodec.NapLine expect(NapLineReader lines, String expected) throws IOException {
    String line = lines.next();
    if (line == null) {
      throw new CarrierLost("carrier lost: the data channel ended while expecting " + expected);
    }
    NapCodec.NapLine parsed = NapCodec.parse(line);
    if (parsed instanceof NapCodec.NoCarrier) {
      throw new CarrierLost("carrier lost: NO CARRIER while expecting " + expected);
    }
    return parsed;
  }

  private static NapProtocolException outOfTurn(NapCodec.NapLine got, String expected) {
    return new NapProtocolException("expected " + expected + " but received " + describe(got));
  }

  private static String describe(NapCodec.NapLine line) {
    if (line instanceof NapCodec.Ready r) {
      return "'NAP " + r.napName() + " READY'";
    } else if (line instanceof NapCodec.Address a) {
      return "'ADDRESS " + a.box().getHostAddress() + " " + a.peer().getHostAddress() + "'";
    } else if (line instanceof NapCodec.Rejected r) {
      return "'REJECTED " + r.reason() + "'";
    }
    return "'" + line + "'";
  }

  private void send(byte[] line) throws IOException {
    synchronized (writeLock) {
      toNap.write(line);
      toNap.flush();
    }
  }

  private void closeChannel() {
    try {
      fromNap.close();
    } catch (IOException e) {
      Logger.debug("simulator link: closing input: {}", e.getMessage());
    }
    try {
      toNap.close();
    } catch (IOException e) {
      Logger.debug("simulator link: closing output: {}", e.getMessage());
    }
  }

  /** End of the data channel: the call is gone. */
  private static final class CarrierLost extends IOException {
    CarrierLost(String message) {
      super(message);
    }
  }
}
