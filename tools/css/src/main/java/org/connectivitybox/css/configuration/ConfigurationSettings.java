package org.connectivitybox.css.configuration;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;

/**
 * How the CSS configures boxes in Phases II and III (Figure 15): what goes into the parameters 191
 * besides the subscriber record, and the configuration manager's timing.
 *
 * @param localNap the local NAP's telephone number boxes dial in operation (command line {@code
 *     --local-nap}); null: the configuration manager is off and configuration logins are only
 *     logged
 * @param publicAddress the CSS's operational address as boxes reach it ({@code
 *     --public-address}); null: the operational listen host and port
 * @param callerIds the calling numbers of the CSS's wakeup lines ({@code --wakeup-caller-id},
 *     repeatable; may be empty if {@code ringLimit} is set)
 * @param ringLimit the box counts a call that stops after at most this many rings as a wakeup
 *     (0: off); the CSS's own {@code --wakeup-rings} by default
 * @param silence how long after a ring the box judges the call ended (default 9 s)
 * @param phase2Port the port the box serves HTTPS on in Phase II (default {@value
 *     #DEFAULT_PHASE2_PORT}; tests choose another)
 * @param phase3Timeout how long after the download the box has to CONNECT before the
 *     configuration is recorded {@code CALLBACK_TIMED_OUT} ({@code --phase3-timeout}, default
 *     5 minutes)
 * @param connectWindow how long the CSS keeps trying to reach a box's Phase II server (it may
 *     still be starting; default 30 s)
 * @param configListen where the CSS serves Phase II to boxes in mode {@code BOX_CONNECTS_TO_CSS}
 *     ({@code --config-listen}; a separate connector accepting serial-number certificates only,
 *     docs/configuration.md "Phase II, box connects to the CSS"); null: not served
 */
public record ConfigurationSettings(TelephoneNumber localNap, ServiceAddress publicAddress,
    Set<String> callerIds, int ringLimit, Duration silence, int phase2Port,
    Duration phase3Timeout, Duration connectWindow, OperationalTimeouts boxTimeouts,
    java.net.InetSocketAddress configListen) {
  public static final int DEFAULT_PHASE2_PORT = 8190;
  public static final Duration DEFAULT_SILENCE = Duration.ofSeconds(9);
  public static final Duration DEFAULT_PHASE3_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_CONNECT_WINDOW = Duration.ofSeconds(30);

  /** No configuration manager: configuration logins are logged, nothing more. */
  public static final ConfigurationSettings OFF = new ConfigurationSettings(null, null, Set.of(),
      0, DEFAULT_SILENCE, DEFAULT_PHASE2_PORT, DEFAULT_PHASE3_TIMEOUT, DEFAULT_CONNECT_WINDOW,
      OperationalTimeouts.DEFAULTS, null);

  /** Settings without the box-connects connector (the arity before {@code configListen}). */
  public ConfigurationSettings(TelephoneNumber localNap, ServiceAddress publicAddress,
      Set<String> callerIds, int ringLimit, Duration silence, int phase2Port,
      Duration phase3Timeout, Duration connectWindow, OperationalTimeouts boxTimeouts) {
    this(localNap, publicAddress, callerIds, ringLimit, silence, phase2Port, phase3Timeout,
        connectWindow, boxTimeouts, null);
  }

  /**
   * @throws IllegalArgumentException with a one-line message if, with a local NAP, the wakeup
   *     parameters are invalid (no caller ID and no ring limit, a malformed number) or a port or
   *     duration is out of range
   */
  public ConfigurationSettings {
    callerIds = Set.copyOf(callerIds);
    Objects.requireNonNull(boxTimeouts, "boxTimeouts");
    Objects.requireNonNull(silence, "silence");
    Objects.requireNonNull(phase3Timeout, "phase3Timeout");
    Objects.requireNonNull(connectWindow, "connectWindow");
    if (phase2Port < 1 || phase2Port > 65535) {
      throw new IllegalArgumentException("the Phase II port must be 1..65535: " + phase2Port);
    }
    if (phase3Timeout.isNegative() || phase3Timeout.isZero() || connectWindow.isNegative()
        || connectWindow.isZero()) {
      throw new IllegalArgumentException("the Phase III timeout and the connect window must be"
          + " positive");
    }
    if (localNap != null) {
      wakeup(callerIds, ringLimit, silence);
    }
  }

  /** Configuration with the defaults for everything but the local NAP, address and wakeups. */
  public static ConfigurationSettings of(TelephoneNumber localNap, ServiceAddress publicAddress,
      Set<String> callerIds, int ringLimit) {
    return new ConfigurationSettings(localNap, publicAddress, callerIds, ringLimit,
        DEFAULT_SILENCE, DEFAULT_PHASE2_PORT, DEFAULT_PHASE3_TIMEOUT, DEFAULT_CONNECT_WINDOW,
        OperationalTimeouts.DEFAULTS);
  }

  /** Whether a configuration manager runs. */
  public boolean enabled() {
    return localNap != null;
  }

  /** These settings with another Phase II port (tests). */
  public ConfigurationSettings withPhase2Port(int port) {
    return new ConfigurationSettings(localNap, publicAddress, callerIds, ringLimit, silence, port,
        phase3Timeout, connectWindow, boxTimeouts, configListen);
  }

  /** These settings with another Phase III timeout and connect window (tests). */
  public ConfigurationSettings withTimes(Duration phase3, Duration window) {
    return new ConfigurationSettings(localNap, publicAddress, callerIds, ringLimit, silence,
        phase2Port, phase3, window, boxTimeouts, configListen);
  }

  /** These settings with other timeouts for the boxes' parameters 191. */
  public ConfigurationSettings withBoxTimeouts(OperationalTimeouts t) {
    return new ConfigurationSettings(localNap, publicAddress, callerIds, ringLimit, silence,
        phase2Port, phase3Timeout, connectWindow, t, configListen);
  }

  /** These settings with another silence in the boxes' wakeup parameters. */
  public ConfigurationSettings withSilence(Duration d) {
    return new ConfigurationSettings(localNap, publicAddress, callerIds, ringLimit, d,
        phase2Port, phase3Timeout, connectWindow, boxTimeouts, configListen);
  }

  /** These settings with the box-connects connector on {@code listen} (null: none). */
  public ConfigurationSettings withConfigListen(java.net.InetSocketAddress listen) {
    return new ConfigurationSettings(localNap, publicAddress, callerIds, ringLimit, silence,
        phase2Port, phase3Timeout, connectWindow, boxTimeouts, listen);
  }

  /** The wakeup parameters of the parameters 191: how a box recognises this CSS's calls. */
  public WakeupParameters wakeupParameters() {
    return wakeup(callerIds, ringLimit, silence);
  }

  private static WakeupParameters wakeup(Set<String> ids, int rings, Duration silence) {
    return new WakeupParameters(ids, Optional.empty(), rings, silence);
  }
}
