package org.connectivitybox.firmware.config;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.connectivitybox.firmware.line.LineException;
import org.connectivitybox.firmware.line.NapLine;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.store.StoreCorruption;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.ppp.Credentials;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.tinylog.Logger;

/**
 * Phase II of zero-touch configuration, box side (Figure 15; docs/configuration.md, mode {@code
 * CSS_CONNECTS_TO_BOX}): gets on line, lets the CSS's configuration manager PUT the parameters
 * 191, stores them, hangs up; retries with back-off until it succeeds or is closed.
 *
 * <pre>
 *   modem ─▶ NAP (CONFIG_NAP: SERIAL@CONFIG_DOMAIN; LOCAL_NAP: the subscriber's login)
 *        ─▶ PPP, leased address X
 *        ─▶ TLS server on X:8190 (serial-number certificate; peers: CSS_SERVER under the Root CA)
 *        ─▶ HTTP/1.1 PUT /v1/configuration ─▶ ParametersInstaller ─▶ 204 ─▶ hang up
 * </pre>
 *
 * <p>With p190's mode {@code BOX_CONNECTS_TO_CSS}, CONFIG_NAP attempts make the box the client
 * instead ({@link ConfigurationClient}; docs/configuration.md, "Phase II, box connects to the
 * CSS"): GET /v1/configuration from p190's configuration service address, install, POST
 * /v1/configuration/installed. LOCAL_NAP (+2) always serves.
 *
 * <p>One attempt: dial (p190's call set-up and login timeouts in CONFIG_NAP mode, p191's in
 * LOCAL_NAP mode), serve until parameters are stored or p190's download timeout passes, and
 * always hang up. A failed attempt (NAP busy, login refused — the serial is not registered —,
 * no PUT in time, the line lost) is followed by a pause of p190's {@code retryInitial}, doubled
 * after each failure up to {@code retryMax}. A PUT with invalid parameters is answered 400 and
 * the box keeps waiting for a valid one within the same attempt.
 *
 * <p>{@link #run} blocks its caller; {@link #close()} from another thread ends it (the line is
 * hung up, the endpoint closed, a pause cut short). During an attempt the configurator is the
 * line's listener (it hears a dropped call); afterwards the line goes back to its owner, so that
 * a running box's coordinator can lend its idle line for an on-demand reconfiguration.
 */
public final class Configurator implements NapLine.Listener, AutoCloseable {
  /** The configuration port of docs/configuration.md. */
  public static final int DEFAULT_PORT = 8190;

  /** Which NAP Phase II goes through. */
  public enum Mode {
    /** The configuration NAP of parameters 190, as {@code SERIAL@CONFIG_DOMAIN}: first power-up,
     *  damaged parameters 191, configuration sequence number bumped by 1. */
    CONFIG_NAP,
    /** The local NAP with the box's current login: sequence number bumped by 2. */
    LOCAL_NAP
  }

  /** The steps the LCD shows ("step 1 of 3"). */
  public enum Step {
    CALLING, RECEIVING, STORING;

    /** 1, 2 or 3. */
    public int number() {
      return ordinal() + 1;
    }
  }

  /** Why an attempt failed. */
  public enum Failure {
    /** The NAP refused the login: for the configuration NAP, the serial is not registered. */
    LOGIN_REFUSED,
    /** The NAP was busy. */
    BUSY,
    /** Any other dial or link failure. */
    NO_LINE,
    /** On line, but no valid parameters arrived within the download timeout. */
    NO_DOWNLOAD,
    /** The call dropped while waiting. */
    LINE_LOST,
    /** Valid parameters came but could not be stored. */
    STORE_FAILED
  }

  /** Progress, for the LCD and the event log; called on the configurator's thread. */
  public interface Listener {
    default void step(Mode mode, Step step) {}

    /** The endpoint is listening on the leased address (step 2 begins). */
    default void serving(Mode mode, java.net.InetSocketAddress endpoint) {}

    default void configured(Parameters191 parameters) {}

    default void failed(Mode mode, Failure failure, String detail, Duration retryIn) {}
  }

  /** The pause between attempts; tests make it short. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration pause) throws InterruptedException;
  }

  /**
   * @param port the configuration port (default {@value #DEFAULT_PORT}; 0 picks a free one,
   *     for tests that ask {@link #port()})
   * @param sleeper how to pause between attempts (default: {@link Thread#sleep})
   */
  public record Settings(int port, Sleeper sleeper) {
    public static final Settings DEFAULTS = new Settings(DEFAULT_PORT,
        d -> Thread.sleep(d.toMillis()));

    public Settings {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      Objects.requireNonNull(sleeper, "sleeper");
    }
  }

  /** The result of one attempt. */
  public sealed interface Attempt {
    record Configured(Parameters191 parameters) implements Attempt {}

    record Failed(Failure failure, String detail) implements Attempt {}
  }

  private final BoxStore store;
  private final NapLine line;
  private final Settings settings;
  private final Listener listener;
  private final AtomicReference<ConfigurationServer> serving = new AtomicReference<>();
  private final AtomicReference<ConfigurationClient> fetching = new AtomicReference<>();
  private volatile boolean lost;
  private volatile boolean closed;
  private volatile Thread runner;
  private volatile int port = -1;

  public Configurator(BoxStore store, NapLine line, Settings settings, Listener listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.line = Objects.requireNonNull(line, "line");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Whether the box must configure itself before it can operate: no parameters 191, damaged
   * ones, ones that do not certify this box's key, or the configuration flag set.
   *
   * @throws StoreCorruption if parameters 190 are missing or damaged (nothing can help then)
   */
  public static boolean needed(BoxStore store) throws StoreCorruption {
    Parameters190 p190 = store.parameters190();
    if (p190.configurationFlag()) {
      return true;
    }
    try {
      Optional<Parameters191> p191 = store.parameters191();
      return p191.isEmpty() || !p191.get().certifies(p190.publicKey());
    } catch (StoreCorruption e) {
      Logger.warn("{}: the box configures itself again", e.getMessage());
      return true;
    }
  }

  /**
   * The mode a configuration sequence number asks for: the CSS's number one above the box's
   * means through the configuration NAP, two above through the local NAP; empty otherwise.
   */
  public static Optional<Mode> modeFor(long boxNumber, long cssNumber) {
    long bump = cssNumber - boxNumber;
    return bump == 1 ? Optional.of(Mode.CONFIG_NAP)
        : bump == 2 ? Optional.of(Mode.LOCAL_NAP) : Optional.empty();
  }

  /**
   * The pause after the {@code failures}-th failure in a row: {@code retryInitial} doubled
   * {@code failures - 1} times, at most {@code retryMax}.
   */
  public static Duration backOff(ConfigTimeouts t, int failures) {
    Duration d = t.retryInitial();
    for (int i = 1; i < failures && d.compareTo(t.retryMax()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(t.retryMax()) > 0 ? t.retryMax() : d;
  }

  /**
   * Runs Phase II until parameters 191 are stored.
   *
   * @throws InterruptedException if closed or interrupted first
   * @throws StoreCorruption if parameters 190 are missing or damaged
   */
  public Parameters191 run(Mode mode) throws InterruptedException, StoreCorruption {
    runner = Thread.currentThread();
    try {
      int failures = 0;
      while (!closed) {
        Attempt a = attempt(mode);
        if (a instanceof Attempt.Configured c) {
          listener.configured(c.parameters());
          return c.parameters();
        }
        Attempt.Failed f = (Attempt.Failed) a;
        if (closed) {
          break;
        }
        failures++;
        Duration pause = backOff(store.parameters190().configTimeouts(), failures);
        Logger.warn("configuration attempt {} failed ({}: {}); again in {} s", failures,
            f.failure(), f.detail(), pause.toSeconds());
        listener.failed(mode, f.failure(), f.detail(), pause);
        settings.sleeper().sleep(pause);
      }
      throw new InterruptedException("configuration stopped");
    } finally {
      runner = null;
    }
  }

  /**
   * One attempt: on line, serve until parameters are stored or the download timeout passes,
   * hang up. LOCAL_NAP mode without valid parameters 191 goes through the configuration NAP.
   *
   * @throws StoreCorruption if parameters 190 are missing or damaged
   */
  public Attempt attempt(Mode mode) throws StoreCorruption {
    Parameters190 p190 = store.parameters190();
    TelephoneNumber nap = p190.configNapNumber();
    Credentials login = new Credentials(p190.configUserName(), p190.configPassword());
    Duration callSetup = p190.configTimeouts().callSetup();
    Duration loginTimeout = p190.configTimeouts().login();
    if (mode == Mode.LOCAL_NAP) {
      Optional<Parameters191> current = currentParameters();
      if (current.isPresent()) {
        nap = current.get().localNapNumber();
        login = new Credentials(current.get().localNapUserName(),
            current.get().localNapPassword());
        callSetup = current.get().timeouts().callSetup();
        loginTimeout = current.get().timeouts().login();
      } else {
        Logger.warn("no valid parameters 191 to reach the local NAP: the configuration NAP");
        mode = Mode.CONFIG_NAP;
      }
    }
    NapLine.Listener owner = line.listener(this);
    try {
      return attemptOnLine(mode, p190, nap, login, callSetup, loginTimeout);
    } finally {
      line.listener(owner);
    }
  }

  private Attempt attemptOnLine(Mode mode, Parameters190 p190, TelephoneNumber nap,
      Credentials login, Duration callSetup, Duration loginTimeout) {
    lost = false;
    listener.step(mode, Step.CALLING);
    NapLine.Session session;
    try {
      session = line.dialIn(nap, login, callSetup, loginTimeout);
    } catch (LineException e) {
      Failure f = switch (e.shortReason()) {
        case "LOGIN REFUSED" -> Failure.LOGIN_REFUSED;
        case "BUSY" -> Failure.BUSY;
        default -> Failure.NO_LINE;
      };
      return new Attempt.Failed(f, e.getMessage());
    }
    try {
      return mode == Mode.CONFIG_NAP
          && p190.configurationMode() == ConfigurationMode.BOX_CONNECTS_TO_CSS
          ? fetch(mode, p190, session) : serve(mode, p190, session);
    } finally {
      line.hangUp();
    }
  }

  /**
   * Reconfiguration through the local NAP during a session the coordinator already has on line
   * (the CSS bumped the configuration sequence number by 2 and its CONNECT was granted): serves
   * the endpoint on the session's address until parameters are stored or p190's download
   * timeout passes; neither dials nor hangs up. The line stays the coordinator's: it forwards a
   * dropped call to {@link #lineLost}.
   *
   * @throws StoreCorruption if parameters 190 are missing or damaged
   */
  public Attempt serveOn(NapLine.Session session) throws StoreCorruption {
    lost = false;
    Parameters190 p190 = store.parameters190();
    Attempt a = serve(Mode.LOCAL_NAP, p190, session);
    if (a instanceof Attempt.Configured c) {
      listener.configured(c.parameters());
    }
    return a;
  }

  private Attempt serve(Mode mode, Parameters190 p190, NapLine.Session session) {
    try {
      TlsContext tls = TlsContexts.builder()
          .identity(p190.privateKey(), p190.serialNumberCertificate())
          .trustAnchor(p190.rootCaCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER)
          .build();
      ParametersInstaller installer = new ParametersInstaller(store, p190);
      Mode m = mode;
      AtomicReference<Parameters191> installed = new AtomicReference<>();
      AtomicReference<String> storeFailure = new AtomicReference<>();
      try (ConfigurationServer server = ConfigurationServer.bind(tls, session.local(),
          settings.port())) {
        serving.set(server);
        port = server.port();
        if (lost || closed) {
          return new Attempt.Failed(closed ? Failure.NO_LINE : Failure.LINE_LOST,
              "the line went down");
        }
        Logger.info("configuration endpoint on https://{}:{}", session.local().getHostAddress(),
            server.port());
        listener.serving(mode, new java.net.InetSocketAddress(session.local(), server.port()));
        listener.step(mode, Step.RECEIVING);
        boolean done = server.serve(body -> {
          listener.step(m, Step.STORING);
          ParametersInstaller.Outcome o = installer.install(body);
          if (o instanceof ParametersInstaller.Outcome.Installed i) {
            installed.set(i.parameters());
            return ConfigurationServer.Reply.noContent();
          }
          if (o instanceof ParametersInstaller.Outcome.Invalid i) {
            Logger.warn("parameters 191 refused: {}", i.reason());
            listener.step(m, Step.RECEIVING);
            return ConfigurationServer.Reply.error(400, "INVALID_PARAMETERS", i.reason());
          }
          String why = ((ParametersInstaller.Outcome.StoreFailed) o).reason();
          storeFailure.set(why);
          return ConfigurationServer.Reply.error(503, "STORE_FAILED", why);
        }, p190.configTimeouts().download());
        if (done) {
          return new Attempt.Configured(installed.get());
        }
      } finally {
        serving.set(null);
      }
      if (lost) {
        return new Attempt.Failed(Failure.LINE_LOST, "the line went down while waiting");
      }
      if (storeFailure.get() != null) {
        return new Attempt.Failed(Failure.STORE_FAILED, storeFailure.get());
      }
      return new Attempt.Failed(Failure.NO_DOWNLOAD, "no parameters within "
          + p190.configTimeouts().download().toSeconds() + " s");
    } catch (IOException | RuntimeException e) {
      return new Attempt.Failed(Failure.NO_LINE, "the configuration endpoint failed: " + e);
    }
  }

  /** Pause between GETs while the CSS has not yet recorded the configuration login. */
  static final Duration FETCH_RETRY = Duration.ofMillis(500);

  /**
   * Mode BOX_CONNECTS_TO_CSS (docs/configuration.md, "Phase II, box connects to the CSS"): the
   * box is the HTTPS client. GET /v1/configuration from p190's configuration service address
   * until p190's download timeout passes: a connection failure or 403 NO_CONFIGURATION_LOGIN
   * (the CSS has not yet recorded the Accounting-Start) is tried again after {@link
   * #FETCH_RETRY}; a 200 is checked and stored as a PUT body is, then confirmed with POST
   * /v1/configuration/installed (its loss is only logged: the parameters are stored, and the
   * CSS records the box CONFIGURED at its first CONNECT); any other answer, or parameters that
   * do not fit the box, end the attempt.
   */
  private Attempt fetch(Mode mode, Parameters190 p190, NapLine.Session session) {
    TlsContext tls;
    try {
      tls = TlsContexts.builder()
          .identity(p190.privateKey(), p190.serialNumberCertificate())
          .trustAnchor(p190.rootCaCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER)
          .build();
    } catch (RuntimeException e) {
      return new Attempt.Failed(Failure.NO_LINE, "no TLS identity: " + e.getMessage());
    }
    ConfigurationClient client = new ConfigurationClient(tls, session.sockets(),
        p190.configServiceAddress());
    ParametersInstaller installer = new ParametersInstaller(store, p190);
    long deadline = System.nanoTime() + p190.configTimeouts().download().toNanos();
    fetching.set(client);
    try {
      Logger.info("fetching parameters 191 from https://{}{}", p190.configServiceAddress(),
          ConfigurationClient.PATH);
      listener.step(mode, Step.RECEIVING);
      String last = "no answer";
      while (!closed && !lost && System.nanoTime() < deadline) {
        ConfigurationClient.Reply r;
        try {
          r = client.exchange("GET", ConfigurationClient.PATH);
        } catch (IOException e) {
          last = "the configuration service " + p190.configServiceAddress() + ": " + e;
          r = null;
        }
        if (r != null && r.status() == 200) {
          listener.step(mode, Step.STORING);
          ParametersInstaller.Outcome o = installer.install(r.body());
          if (o instanceof ParametersInstaller.Outcome.Installed i) {
            confirm(client);
            return new Attempt.Configured(i.parameters());
          }
          if (o instanceof ParametersInstaller.Outcome.Invalid i) {
            Logger.warn("parameters 191 refused: {}", i.reason());
            return new Attempt.Failed(Failure.NO_DOWNLOAD, "invalid parameters: " + i.reason());
          }
          return new Attempt.Failed(Failure.STORE_FAILED,
              ((ParametersInstaller.Outcome.StoreFailed) o).reason());
        }
        if (r != null && !(r.status() == 403 && r.text().contains("NO_CONFIGURATION_LOGIN"))) {
          return new Attempt.Failed(Failure.NO_DOWNLOAD, "the CSS answered " + r.status() + ": "
              + r.text());
        }
        if (r != null) {
          last = "the CSS answered 403: " + r.text();
        }
        try {
          Thread.sleep(FETCH_RETRY.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (lost) {
        return new Attempt.Failed(Failure.LINE_LOST, "the line went down while fetching");
      }
      return new Attempt.Failed(Failure.NO_DOWNLOAD, "no parameters within "
          + p190.configTimeouts().download().toSeconds() + " s: " + last);
    } finally {
      fetching.set(null);
    }
  }

  private static void confirm(ConfigurationClient client) {
    try {
      ConfigurationClient.Reply r = client.exchange("POST", ConfigurationClient.INSTALLED_PATH);
      if (r.status() != 204) {
        Logger.warn("the CSS answered {} to the confirmation: {}", r.status(), r.text());
      }
    } catch (IOException e) {
      Logger.warn("the confirmation did not reach the CSS ({}); it will see the box's CONNECT",
          e.getMessage());
    }
  }

  private Optional<Parameters191> currentParameters() {
    try {
      return store.parameters191();
    } catch (StoreCorruption e) {
      return Optional.empty();
    }
  }

  /** The port of the last endpoint served (-1 before the first); for tests with port 0. */
  public int port() {
    return port;
  }

  @Override
  public void wakeup(WakeupVerdict verdict) {
    // Not configured: no wakeup parameters, nothing to answer.
  }

  @Override
  public void lineLost(String why) {
    lost = true;
    ConfigurationClient f = fetching.get();
    if (f != null) {
      f.abort();
    }
    ConfigurationServer s = serving.get();
    if (s != null) {
      s.close();
    }
  }

  /** Ends {@link #run}: closes the endpoint, hangs up, cuts a pause short. */
  @Override
  public void close() {
    closed = true;
    ConfigurationClient f = fetching.get();
    if (f != null) {
      f.abort();
    }
    ConfigurationServer s = serving.get();
    if (s != null) {
      s.close();
    }
    Thread t = runner;
    if (t != null) {
      t.interrupt();
    }
  }
}
