package org.connectivitybox.protocols.pstn;

import java.time.Instant;
import java.util.Objects;
import org.connectivitybox.protocols.pstn.ModemEvent.Presentation;

/**
 * One call's caller-ID data as the network sent it (formatted fields or an SDMF/MDMF frame).
 *
 * @param dateTime {@code MMDDHHMM} as sent, or null if missing
 * @param presentation whether the number is given, withheld or unavailable
 * @param number the calling number exactly when {@code presentation} is AVAILABLE, else null
 * @param name the calling name if sent, else null
 */
public record CallerIdBlock(String dateTime, Presentation presentation, String number,
    String name) {

  public CallerIdBlock {
    Objects.requireNonNull(presentation, "presentation");
    if ((presentation == Presentation.AVAILABLE) != (number != null)) {
      throw new IllegalArgumentException(
          "a number is given exactly when the presentation is AVAILABLE: " + presentation);
    }
  }

  /** The event the driver publishes for this block. */
  public ModemEvent.CallerId toEvent(Instant at) {
    return new ModemEvent.CallerId(at, presentation, number, name);
  }
}
