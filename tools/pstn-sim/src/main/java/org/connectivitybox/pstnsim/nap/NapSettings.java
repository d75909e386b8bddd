package org.connectivitybox.pstnsim.nap;

import java.time.Duration;
import java.util.Objects;

/**
 * One NAP: its number and name, its modems' rate, how many calls it takes at once, when it
 * answers, how long it waits for LOGIN, its address pool and RADIUS server.
 *
 * @param peerAddress the NAP's own address in {@code ADDRESS <box> <peer>} (default 127.0.0.1)
 */
public record NapSettings(String number, String name, int rateBps, int ports,
    int answerAfterRings, Duration loginTimeout, String poolFirst, String poolLast,
    String peerAddress, RadiusSettings radius) {
  public NapSettings {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(radius, "radius");
  }
}
