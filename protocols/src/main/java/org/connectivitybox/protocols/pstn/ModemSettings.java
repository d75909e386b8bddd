package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import java.util.Objects;

/**
 * The driver's timing.
 *
 * @param commandTimeout longest wait for the final result of a command other than a dial
 *     (default 5 s)
 * @param guardTime silence before and after the {@code +++} escape, the modem's S12 (default 1 s)
 * @param dtrDropTime how long DTR stays down to force a hang-up (default 500 ms)
 * @param callerIdQuiet a formatted caller-ID block without NAME is published this long after its
 *     last field if no other line ends it first (default 500 ms)
 * @param readPoll longest blocking read on the line, in real time: how soon the reader notices a
 *     close or a dropped DCD (default 50 ms)
 */
public record ModemSettings(Duration commandTimeout, Duration guardTime, Duration dtrDropTime,
    Duration callerIdQuiet, Duration readPoll) {

  /** The defaults above. */
  public static final ModemSettings DEFAULTS = new ModemSettings(Duration.ofSeconds(5),
      Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(50));

  /** @throws IllegalArgumentException if a duration is not positive */
  public ModemSettings {
    positive("commandTimeout", commandTimeout);
    positive("guardTime", guardTime);
    positive("dtrDropTime", dtrDropTime);
    positive("callerIdQuiet", callerIdQuiet);
    positive("readPoll", readPoll);
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
