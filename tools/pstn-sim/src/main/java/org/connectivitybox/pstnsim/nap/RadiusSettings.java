package org.connectivitybox.pstnsim.nap;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a NAP's RADIUS server is and how long to wait for it.
 *
 * @param timeout per attempt (default 3 s)
 * @param retries attempts after the first (default 2)
 */
public record RadiusSettings(String host, int authPort, int acctPort, String secret,
    Duration timeout, int retries) {
  public RadiusSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(secret, "secret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("the shared secret must not be empty");
    }
  }
}
