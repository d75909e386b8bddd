package org.connectivitybox.pstnsim;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.control.ControlApi;
import org.connectivitybox.pstnsim.exchange.CallLog;
import org.connectivitybox.pstnsim.exchange.Exchange;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.modem.HayesModem;
import org.connectivitybox.pstnsim.modem.ModemPort;
import org.connectivitybox.pstnsim.nap.Nap;
import org.connectivitybox.pstnsim.nap.NapSettings;

/**
 * The running simulator, assembled from a configuration:
 * <pre>
 *   computer ── TCP 127.0.0.1:port ──▶ ModemPort ─▶ HayesModem ─┐
 *   computer ── TCP 127.0.0.1:port ──▶ ModemPort ─▶ HayesModem ─┤
 *                                                               ├─ Exchange ── CallLog (memory, file)
 *                        RADIUS server ◀── RadiusGateway ◀─ Nap ─┘     ▲
 *                                                                      │
 *   operator / tests ── HTTP 127.0.0.1:controlPort ──▶ ControlApi ─────┘
 * </pre>
 * {@link #close} closes the ports (DTR drop: calls hang up), ends the remaining calls, lets the
 * NAPs send their Accounting-Stops, and stops the control API; it waits a few seconds at most.
 */
public final class Simulator implements AutoCloseable {
  private final Exchange exchange;
  private final Map<String, ModemPort> ports = new LinkedHashMap<>();
  private final List<Nap> naps = new ArrayList<>();
  private final ControlApi control;

  private Simulator(SimConfig config, Clock clock) throws IOException {
    exchange = new Exchange(config.exchange(), clock, new CallLog(config.callLog()));
    ControlApi api = null;
    try {
      for (LineConfig l : config.lines()) {
        HayesModem modem = new HayesModem(l.number(), l.rateBps(), exchange);
        exchange.attach(modem, l.presentation(), l.callerName());
        if (l.dead()) {
          exchange.setDead(l.number(), true);
        }
        try {
          ports.put(l.number(), new ModemPort(modem, l.port()));
        } catch (IOException e) {
          throw new IOException("line " + l.number() + ": cannot listen on 127.0.0.1:" + l.port()
              + ": " + e.getMessage(), e);
        }
      }
      for (NapSettings n : config.naps()) {
        Nap nap = new Nap(n, exchange.scheduler());
        naps.add(nap);
        exchange.attach(nap, Presentation.AVAILABLE, null);
      }
      if (config.controlPort() >= 0) {
        api = new ControlApi(this, config.controlPort());
      }
    } catch (IOException | RuntimeException e) {
      stopParts();
      throw e;
    }
    control = api;
  }

  /**
   * Starts a simulator: binds every line's port and the control API.
   *
   * @throws IOException if a port cannot be bound (nothing is left running)
   */
  public static Simulator start(SimConfig config) throws IOException {
    return new Simulator(config, Clock.systemDefaultZone());
  }

  /** Like {@link #start(SimConfig)} with the clock used for call-log times and caller ID. */
  public static Simulator start(SimConfig config, Clock clock) throws IOException {
    return new Simulator(config, clock);
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The modem ports by line number, in configuration order. */
  public Map<String, ModemPort> ports() {
    return Map.copyOf(ports);
  }

  /** The TCP port of a line's modem. @throws IllegalArgumentException if there is no such line */
  public int port(String number) {
    ModemPort p = ports.get(number);
    if (p == null) {
      throw new IllegalArgumentException("no modem line " + number);
    }
    return p.port();
  }

  public List<Nap> naps() {
    return List.copyOf(naps);
  }

  /** The control API's port, or -1 if it is off. */
  public int controlPort() {
    return control == null ? -1 : control.port();
  }

  List<String> lineNumbers() {
    return new ArrayList<>(ports.keySet());
  }

  @Override
  public void close() {
    if (control != null) {
      control.close();
    }
    stopParts();
  }

  private void stopParts() {
    for (ModemPort p : ports.values()) {
      p.close();
    }
    exchange.close();
    for (Nap n : naps) {
      n.close();
    }
  }
}
