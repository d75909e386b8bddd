package org.connectivitybox.protocols.pstn;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A dial (or answer) in progress: its outcome once the modem gives one, and a way to abandon it.
 *
 * <p>The outcome completes with TIMEOUT when the dial timeout passes without a final result; the
 * call may then still be ringing, so whoever sees TIMEOUT must {@link #abandon()} it ({@link
 * #await()} does). A link failure completes the outcome exceptionally with a {@link
 * ModemException}.
 */
public final class PendingDial {
  private final ModemDriver driver;
  private final CompletableFuture<DialOutcome> outcome;
  private final Duration timeout;

  PendingDial(ModemDriver driver, CompletableFuture<DialOutcome> outcome, Duration timeout) {
    this.driver = driver;
    this.outcome = outcome;
    this.timeout = timeout;
  }

  /** Completes with the outcome; never with a null. */
  public CompletableFuture<DialOutcome> outcome() {
    return outcome;
  }

  /**
   * Waits for the outcome; on TIMEOUT abandons the call first.
   *
   * @throws ModemException if the line failed, or abandoning needed a DTR drop that failed
   */
  public DialOutcome await() throws IOException {
    DialOutcome result = ModemDriver.await(outcome, timeout, "dial");
    if (result.kind() == DialOutcome.Kind.TIMEOUT) {
      DialOutcome last = abandon();
      if (last.connected()) {
        // It connected while we gave up; it has been hung up, but the caller should know.
        return last;
      }
    }
    return result;
  }

  /**
   * Stops the call attempt (or hangs up the call if it connected meanwhile) and returns what
   * finally happened: CONNECTED if the far end answered before the attempt could be stopped,
   * otherwise the outcome so far (TIMEOUT if there was none).
   *
   * @throws ModemException if the modem ignored the abort and DTR could not be dropped
   */
  public DialOutcome abandon() throws IOException {
    return driver.abandon(this);
  }

  /** The outcome if there already is one, else TIMEOUT: for {@link ModemDriver#abandon}. */
  DialOutcome outcomeSoFar() {
    return outcome.isDone() && !outcome.isCompletedExceptionally()
        ? outcome.join() : DialOutcome.of(DialOutcome.Kind.TIMEOUT);
  }
}
