package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.time.Duration;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.tinylog.Logger;

/**
 * Measures one {@link ResumptionSetting} in this JVM: a bounded number of iterations, each a box
 * that starts with an empty session cache, makes one full handshake and then {@value
 * #RESUMPTIONS} resumptions (the second resumes from the first resumed session's ticket or ID).
 *
 * <p>A resumption counts as resumed when the session that both sides end up with carries the
 * creation time of the full handshake's session: JSSE keeps that time on a resumed session (for
 * TLS 1.2 the session ID is kept too, for TLS 1.3 it is not) and gives a new session a new one;
 * the two-millisecond pause before each attempt keeps a new session's time apart.
 */
final class SettingRun {
  /** Resumptions after each full handshake. */
  static final int RESUMPTIONS = 2;
  private static final long SERVER_WAIT_MILLIS = 15_000;

  /**
   * Bounds of a run.
   *
   * @param warmup iterations made and thrown away first, so that the JIT has compiled the
   *     handshake code before CPU time is taken
   * @param iterations iterations measured
   * @param budget wall-clock limit for warm-up and measurement together; measurement stops early
   *     when it is spent
   */
  record Limits(int warmup, int iterations, Duration budget) {
    Limits {
      if (warmup < 0 || iterations < 1 || budget.isNegative() || budget.isZero()) {
        throw new IllegalArgumentException("bad limits: warmup " + warmup + ", iterations "
            + iterations + ", budget " + budget);
      }
    }
  }

  private SettingRun() {}

  /**
   * @throws IOException if a connection fails on either side
   * @throws IllegalStateException if the budget ran out before any iteration was measured
   */
  static SettingResult run(ResumptionSetting setting, Limits limits)
      throws IOException, InterruptedException {
    BenchPki pki = BenchPki.create();
    TlsContext css = pki.cssContext(setting.protocols()); // loads TlsContexts: property settled
    String ticketProperty = String.valueOf(System.getProperty(TlsContexts.SERVER_TICKET_PROPERTY));
    HandshakeFigures.Collector full = new HandshakeFigures.Collector();
    HandshakeFigures.Collector resumed = new HandshakeFigures.Collector();
    int attempts = 0;
    ClientSample last = null;
    long start = System.nanoTime();
    long deadline = start + limits.budget().toNanos();
    int total = limits.warmup() + limits.iterations();
    try (HandshakeServer server = new HandshakeServer(css)) {
      for (int i = 0; i < total && System.nanoTime() - deadline < 0; i++) {
        boolean measured = i >= limits.warmup();
        TlsContext box = pki.boxContext(setting.protocols()); // a box with an empty cache
        ClientSample first = HandshakeMeter.measure(box, server.port());
        ServerSample firstServer = checked(server.next(SERVER_WAIT_MILLIS));
        if (measured) {
          full.add(first, firstServer);
        }
        for (int r = 0; r < RESUMPTIONS; r++) {
          Thread.sleep(2);
          ClientSample again = HandshakeMeter.measure(box, server.port());
          ServerSample againServer = checked(server.next(SERVER_WAIT_MILLIS));
          boolean didResume = again.sessionCreated() == first.sessionCreated()
              && againServer.sessionCreated() == firstServer.sessionCreated();
          if (measured) {
            attempts++;
            if (didResume) {
              resumed.add(again, againServer);
            }
          }
          last = again;
        }
      }
    }
    if (full.size() == 0) {
      throw new IllegalStateException("the budget of " + limits.budget().toSeconds()
          + " s ran out during warm-up; give a larger --budget or a smaller --warmup");
    }
    Logger.info("{}: {} iterations measured in {} ms", setting.id(), full.size(),
        (System.nanoTime() - start) / 1_000_000);
    return new SettingResult(setting.id(), ticketProperty, last.protocol(), last.cipherSuite(),
        full.figures(), resumed.size() == 0 ? null : resumed.figures(), attempts,
        last.exchange(), pki.cssChainBytes(), pki.boxChainBytes());
  }

  private static ServerSample checked(ServerSample s) throws IOException {
    if (s.failure() != null) {
      throw new IOException("the server side failed: " + s.failure());
    }
    return s;
  }
}
