package org.connectivitybox.pstnsim.config;

import java.nio.file.Path;
import java.util.List;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.nap.NapSettings;

/**
 * The whole simulator configuration, as read by {@link ConfigReader}.
 *
 * @param callLog the JSON-lines file the call log is appended to, or null
 * @param controlPort TCP port of the control API on 127.0.0.1 (0: ephemeral, -1: no API)
 */
public record SimConfig(ExchangeSettings exchange, List<LineConfig> lines, List<NapSettings> naps,
    Path callLog, int controlPort) {
  public SimConfig {
    lines = List.copyOf(lines);
    naps = List.copyOf(naps);
  }
}
