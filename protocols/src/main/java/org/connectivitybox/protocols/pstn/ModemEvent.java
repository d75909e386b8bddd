package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the modem reported without being asked: the unsolicited events of the PSTN layer,
 * published by the modem driver to its listeners (the CBS monitor, the connection manager, the
 * UI manager). Each carries the instant it was read, from the driver's injected clock.
 */
public sealed interface ModemEvent {

  /** When the driver read the report. */
  Instant at();

  /** One ring of an incoming call ({@code RING}). */
  record Ring(Instant at) implements ModemEvent {
    public Ring {
      Objects.requireNonNull(at, "at");
    }
  }

  /** Whether the network disclosed the calling number. */
  enum Presentation {
    /** The number is given. */
    AVAILABLE,
    /** The caller withheld it ({@code NMBR = P}). */
    WITHHELD,
    /** The network could not give it ({@code NMBR = O}). */
    UNAVAILABLE
  }

  /**
   * The caller-ID block of an incoming call, delivered between the first and second ring.
   *
   * @param number the calling number if {@code presentation} is {@link Presentation#AVAILABLE},
   *     else null
   * @param name the calling name if one was sent, else null
   */
  record CallerId(Instant at, Presentation presentation, String number, String name)
      implements ModemEvent {
    public CallerId {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(presentation, "presentation");
      if ((presentation == Presentation.AVAILABLE) != (number != null)) {
        throw new IllegalArgumentException(
            "a number is given exactly when the presentation is AVAILABLE: " + presentation);
      }
    }
  }

  /** A distinctive-ring cadence report: one ring's on and off times ({@code DRON}/{@code DROF}). */
  record RingCadence(Instant at, Duration on, Duration off) implements ModemEvent {
    public RingCadence {
      Objects.requireNonNull(at, "at");
      if (on.isNegative() || off.isNegative()) {
        throw new IllegalArgumentException("cadence times must not be negative");
      }
    }
  }

  /** The line is connected for data ({@code CONNECT <rate>}); rate in bit/s, 0 if not reported. */
  record Connected(Instant at, int rateBps) implements ModemEvent {
    public Connected {
      Objects.requireNonNull(at, "at");
      if (rateBps < 0) {
        throw new IllegalArgumentException("rate must not be negative: " + rateBps);
      }
    }
  }

  /** The data call ended without being asked to ({@code NO CARRIER}, or DCD dropped). */
  record CarrierLost(Instant at) implements ModemEvent {
    public CarrierLost {
      Objects.requireNonNull(at, "at");
    }
  }
}
