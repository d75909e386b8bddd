package org.connectivitybox.pstnsim.exchange;

import java.util.Map;
import java.util.Objects;

/**
 * How the exchange rings and bars calls.
 *
 * @param cadence the normal ring cadence (default {@link RingCadence#DEFAULT})
 * @param distinctive cadences by calling number, for distinctive ring
 * @param barring repeat-call barring rules (default off)
 */
public record ExchangeSettings(RingCadence cadence, Map<String, RingCadence> distinctive,
    CallBarring.Rules barring) {
  public static final ExchangeSettings DEFAULT =
      new ExchangeSettings(RingCadence.DEFAULT, Map.of(), CallBarring.Rules.OFF);

  public ExchangeSettings {
    Objects.requireNonNull(cadence, "cadence");
    distinctive = Map.copyOf(distinctive);
    Objects.requireNonNull(barring, "barring");
  }

  /** The cadence a call from {@code callingNumber} rings with. */
  public RingCadence cadenceFor(String callingNumber) {
    return distinctive.getOrDefault(callingNumber, cadence);
  }
}
