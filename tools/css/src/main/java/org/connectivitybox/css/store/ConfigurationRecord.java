package org.connectivitybox.css.store;

import java.time.Instant;
import java.util.Objects;
import org.connectivitybox.protocols.tls.CbId;

/**
 * A box's configuration status row: its state, and for FAILED the error code and a one-line
 * detail (both null otherwise).
 *
 * @param friendlyName the name the box's LCD shows, given at registration (parameters 191)
 */
public record ConfigurationRecord(CbId cbId, String friendlyName, ConfigurationState state,
    String error, String detail, Instant updatedAt) {
  public ConfigurationRecord {
    Objects.requireNonNull(cbId, "cbId");
    Objects.requireNonNull(state, "state");
  }
}
