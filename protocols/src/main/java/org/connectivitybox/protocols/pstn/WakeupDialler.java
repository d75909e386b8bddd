package org.connectivitybox.protocols.pstn;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.tinylog.Logger;

/**
 * The call-back signalling server's side of a wakeup: rings a box's line for a bounded number of
 * ring cycles and hangs up before the call can be answered ("limited ringing" of the
 * specification's wakeup signalling arrangement).
 *
 * <p>The modem sends no ringback reports, so rings are counted by time: {@code rings × cycle}
 * from the moment the dial command is sent. Every outcome is a value; nothing is thrown.
 */
public final class WakeupDialler {
  /** The ring cycle of docs/pstn.md (2 s on, 4 s off). */
  public static final Duration DEFAULT_CYCLE = Duration.ofSeconds(6);

  private final ModemDriver driver;
  private final ModemTime time;
  private final int rings;
  private final Duration cycle;

  /**
   * @param rings ring cycles to let the line ring, 1..10 (caller ID arrives after the first)
   * @param cycle the length of one ring cycle, 1..30 s
   * @throws IllegalArgumentException for values out of range
   */
  public WakeupDialler(ModemDriver driver, ModemTime time, int rings, Duration cycle) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.time = Objects.requireNonNull(time, "time");
    if (rings < 1 || rings > 10) {
      throw new IllegalArgumentException("rings must be between 1 and 10: " + rings);
    }
    if (cycle.compareTo(Duration.ofSeconds(1)) < 0 || cycle.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("ring cycle must be between 1 s and 30 s: " + cycle);
    }
    this.rings = rings;
    this.cycle = cycle;
  }

  /** How long the line is let ring: rings × cycle. */
  public Duration ringingTime() {
    return cycle.multipliedBy(rings);
  }

  /** Places one wakeup call to {@code number} and returns how it ended. */
  public WakeupOutcome wakeUp(DialString number) {
    Duration ringing = ringingTime();
    Instant start = time.now();
    PendingDial dial;
    try {
      // The dial timeout is a backstop: the ring timer below fires first.
      dial = driver.startDial(number, ringing.plus(cycle));
    } catch (IOException | IllegalStateException e) {
      Logger.warn("wakeup of {} not placed: {}", number.digits(), e.getMessage());
      return WakeupOutcome.NO_LINE;
    }
    CompletableFuture<Boolean> rung = new CompletableFuture<>();
    ModemTime.Cancellable timer = time.schedule(ringing, () -> rung.complete(true));
    try {
      ModemDriver.await(CompletableFuture.anyOf(dial.outcome(), rung), ringing.plus(cycle),
          "wakeup");
      DialOutcome outcome = dial.outcome().isDone() ? dial.outcome().join() : null;
      if (outcome == null || outcome.kind() == DialOutcome.Kind.TIMEOUT) {
        outcome = dial.abandon();
        return outcome.connected() ? answered() : WakeupOutcome.RANG;
      }
      return map(outcome, Duration.between(start, time.now()));
    } catch (IOException | RuntimeException e) {
      Logger.warn("wakeup of {} failed: {}", number.digits(), e.getMessage());
      return WakeupOutcome.NO_LINE;
    } finally {
      timer.cancel();
    }
  }

  private WakeupOutcome answered() throws IOException {
    driver.hangUp();
    return WakeupOutcome.ANSWERED;
  }

  private WakeupOutcome map(DialOutcome outcome, Duration elapsed) throws IOException {
    switch (outcome.kind()) {
      case CONNECTED:
        return answered();
      case BUSY:
        return WakeupOutcome.BUSY;
      case NO_DIALTONE:
        return WakeupOutcome.NO_DIALTONE;
      case DELAYED:
        return WakeupOutcome.DELAYED;
      case BLACKLISTED:
        return WakeupOutcome.BLACKLISTED;
      case NO_ANSWER:
        return WakeupOutcome.RANG;
      case NO_CARRIER:
        // The network ended the attempt; it rang if at least one cycle had passed.
        return elapsed.compareTo(cycle) >= 0 ? WakeupOutcome.RANG : WakeupOutcome.NO_LINE;
      default:
        return WakeupOutcome.NO_LINE;
    }
  }
}
