package org.connectivitybox.pstnsim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.nap.NapSettings;
import org.connectivitybox.pstnsim.nap.RadiusSettings;

/** Configurations for tests: short ring cadences, ephemeral ports, no files. */
final class TestConfigs {
  static final RingCadence FAST = new RingCadence(Duration.ofMillis(100), Duration.ofMillis(200));

  private TestConfigs() {}

  static LineConfig line(String number) {
    return line(number, 33_600);
  }

  static LineConfig line(String number, int rate) {
    return new LineConfig(number, 0, rate, false, Presentation.AVAILABLE, null);
  }

  static SimConfig lines(LineConfig... lines) {
    return new SimConfig(new ExchangeSettings(FAST, Map.of(), CallBarring.Rules.OFF),
        List.of(lines), List.of(), null, -1);
  }

  static SimConfig with(ExchangeSettings settings, List<LineConfig> lines, List<NapSettings> naps,
      int controlPort) {
    return new SimConfig(settings, new ArrayList<>(lines), naps, null, controlPort);
  }

  static ExchangeSettings fast() {
    return new ExchangeSettings(FAST, Map.of(), CallBarring.Rules.OFF);
  }

  static NapSettings nap(String number, int authPort, int acctPort, String secret,
      Duration loginTimeout) {
    return new NapSettings(number, "nap1", 33_600, 4, 1, loginTimeout, "127.1.0.1", "127.1.0.3",
        "127.0.0.1", new RadiusSettings("127.0.0.1", authPort, acctPort, secret,
            Duration.ofMillis(1000), 1));
  }
}
