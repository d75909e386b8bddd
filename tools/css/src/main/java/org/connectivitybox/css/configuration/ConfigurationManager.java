package org.connectivitybox.css.configuration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import org.connectivitybox.css.radius.ConfigurationLogin;
import org.connectivitybox.css.radius.ConfigurationLogins;
import org.connectivitybox.css.store.ConfigurationRecord;
import org.connectivitybox.css.store.ConfigurationState;
import org.connectivitybox.css.store.ConnectionRecord;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.css.wakeup.WakeupCall;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.TlsContext;
import org.tinylog.Logger;

/**
 * The CSS's configuration manager (Figure 15, Phases II and III; the wire contract is
 * docs/configuration.md): prompted by RADIUS accounting of a configuration login, it connects
 * to the box at its leased address as HTTPS client, checks the box's serial-number certificate
 * against the serial RADIUS authorised, downloads the parameters 191 derived from the
 * subscriber's registration, then has the box woken and waits for its CONNECT.
 *
 * <pre>
 *  RADIUS Accounting-Start (serial, X)        ── {@link #started} (RADIUS thread: hands over)
 *    │ subscriber registered with the serial?  no: log, nothing recorded
 *    ▼
 *  connect https://X:8190, retry each second up to the connect window     ── executor thread
 *    │ handshake: CSS server cert ⇄ serial-number cert; serial == RADIUS's?  no: SERIAL_MISMATCH
 *    │ PUT /v1/configuration (parameters 191, a fresh CB certificate and NAP password)
 *    ▼ 204                                              other: FAILED with the box's error
 *  DOWNLOADED ── CBSS wakes the box; a timer (no thread) waits the Phase III timeout
 *    │ the box's granted CONNECT ({@link #connected})      timeout: FAILED CALLBACK_TIMED_OUT
 *    ▼
 *  CONFIGURED
 *
 *  reconfiguration (admin: configuration sequence number +1 or +2, row RECONFIGURING)
 *    +1: the box's configuration login starts Phase II above, as for a new box
 *    +2: the box's granted CONNECT ({@link #connected(CbId, ConnectRequest)}) with its number
 *        two below the CSS's: PUT to https://CONNECT-ADDRESS:8190 as above (the serial checked
 *        against the subscriber's), 204 ─▶ CONFIGURED (it is on line: no Phase III)
 * </pre>
 *
 * <p>The state is the {@code configurations} row ({@link ConfigurationState}); the admin API
 * shows it. Thread-safe. Phase II runs on the manager's own two threads, never on the RADIUS
 * thread; Phase III holds no thread. A CONNECT served by another CSS node is seen by the
 * timeout's check of the connection row. {@link #close()} stops both.
 */
public final class ConfigurationManager implements ConfigurationLogins, AutoCloseable {
  /** Validity of the CB certificates this manager issues. */
  public static final Duration CB_CERTIFICATE_VALIDITY = Duration.ofDays(2 * 365);
  /** Pause between attempts to reach a box that is not serving yet. */
  static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final Repositories store;
  private final CertificateAuthority ca;
  private final BoxClient client;
  private final CallbackSignallingServer cbss;
  private final ConfigurationSettings settings;
  private final ServiceAddress cssAddress;
  private final String subscriberDomain;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final Map<CbId, Attempt> attempts = new ConcurrentHashMap<>();
  private final Map<CbId, Phase3> waiting = new ConcurrentHashMap<>();
  /** Box-connects: the configuration login ({@code NAS/Acct-Session-Id}) each box fetched over. */
  private final Map<CbId, String> fetchedLogins = new ConcurrentHashMap<>();
  /** Box-connects: boxes that fetched parameters 191 and have not confirmed them yet. */
  private final Map<CbId, Instant> fetchedUnconfirmed = new ConcurrentHashMap<>();

  /** A box in Phase III: downloaded at {@code downloadedAt}, its timeout armed. */
  private static final class Phase3 {
    final Instant downloadedAt;
    volatile ScheduledFuture<?> timeout;

    Phase3(Instant downloadedAt) {
      this.downloadedAt = downloadedAt;
    }

    void cancel() {
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
    }
  }

  /**
   * @param clientTls the CSS server identity as client identity, accepting peers of purpose
   *     SERIAL_NUMBER only
   * @param cssAddress the operational address boxes are given in parameters 191
   * @param subscriberDomain the realm of subscribers' NAP logins ({@code CBID@DOMAIN})
   */
  public ConfigurationManager(Repositories store, CertificateAuthority ca, TlsContext clientTls,
      CallbackSignallingServer cbss, ConfigurationSettings settings, ServiceAddress cssAddress,
      String subscriberDomain, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.ca = Objects.requireNonNull(ca, "ca");
    this.client = new BoxClient(clientTls, Duration.ofSeconds(30));
    this.cbss = Objects.requireNonNull(cbss, "cbss");
    this.settings = Objects.requireNonNull(settings, "settings");
    if (!settings.enabled()) {
      throw new IllegalArgumentException("the configuration manager needs a local NAP number");
    }
    this.cssAddress = Objects.requireNonNull(cssAddress, "cssAddress");
    this.subscriberDomain = Objects.requireNonNull(subscriberDomain, "subscriberDomain");
    this.clock = Objects.requireNonNull(clock, "clock");
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "css-configuration");
      t.setDaemon(true);
      return t;
    });
    pool.setRemoveOnCancelPolicy(true);
    this.executor = pool;
  }

  /** One Phase II for one box; a new configuration login of the box cancels the previous. */
  private static final class Attempt {
    final ConfigurationLogin login;
    final SubscriberRecord subscriber;
    final ConfigurationRecord registration;
    final Instant giveUpAt;
    /** Reconfiguration through the local NAP: the box is on line, no Phase III follows. */
    final boolean onLine;
    volatile boolean cancelled;

    Attempt(ConfigurationLogin login, SubscriberRecord subscriber,
        ConfigurationRecord registration, Instant giveUpAt, boolean onLine) {
      this.login = login;
      this.subscriber = subscriber;
      this.registration = registration;
      this.giveUpAt = giveUpAt;
      this.onLine = onLine;
    }
  }

  @Override
  public void started(ConfigurationLogin login) {
    try {
      executor.execute(() -> begin(login));
    } catch (RejectedExecutionException e) {
      Logger.warn("configuration: stopping, configuration login of {} ignored", login.serial());
    }
  }

  private void begin(ConfigurationLogin login) {
    if (fetchedLogins.containsValue(login.nas() + "/" + login.acctSessionId())) {
      Logger.info("configuration: serial {} already fetched its parameters over this login;"
          + " nothing to PUT", login.serial());
      return;
    }
    try {
      Optional<SubscriberRecord> found = store.subscribers().findBySerial(login.serial());
      if (found.isEmpty()) {
        Logger.info("configuration: serial {} on line at {} is not registered yet; nothing to"
            + " download", login.serial(), login.framedIpAddress().getHostAddress());
        return;
      }
      SubscriberRecord s = found.get();
      Optional<ConfigurationRecord> registration = store.registrations().configuration(s.cbId());
      if (registration.isEmpty()) {
        Logger.warn("configuration: {} (serial {}) was not registered through Phase I (no"
            + " friendly name, no configuration status); nothing to download", s.cbId(),
            login.serial());
        return;
      }
      Attempt a = new Attempt(login, s, registration.get(),
          clock.instant().plus(settings.connectWindow()), false);
      Attempt old = attempts.put(s.cbId(), a);
      if (old != null) {
        old.cancelled = true;
      }
      Phase3 phase3 = waiting.remove(s.cbId());
      if (phase3 != null) {
        phase3.cancel();
      }
      Logger.info("configuration: Phase II for {} (serial {}) at {}", s.cbId(), login.serial(),
          login.framedIpAddress().getHostAddress());
      attempt(a);
    } catch (StoreException e) {
      Logger.error(e, "configuration: database failure for serial {}", login.serial());
    }
  }

  private void attempt(Attempt a) {
    if (a.cancelled) {
      return;
    }
    CbId cbId = a.subscriber.cbId();
    BoxClient.Outcome outcome = client.put(url(a.login.framedIpAddress()), a.login.serial(),
        leaf -> Parameters191Codec.encode(parameters(a.subscriber, a.registration, leaf)));
    if (a.cancelled) {
      return;
    }
    // (Java 17: no pattern matching in switch yet.)
    if (outcome instanceof BoxClient.Outcome.Unreachable u) {
      if (clock.instant().plus(RETRY_PAUSE).isBefore(a.giveUpAt)) {
        schedule(() -> attempt(a), RETRY_PAUSE);
        return;
      }
      fail(a, "BOX_UNREACHABLE", "no connection to " + url(a.login.framedIpAddress()) + " in "
          + settings.connectWindow().toSeconds() + " s: " + u.detail());
    } else if (outcome instanceof BoxClient.Outcome.SerialMismatch m) {
      fail(a, "SERIAL_MISMATCH", "RADIUS authorised " + a.login.serial() + " but the box at "
          + a.login.framedIpAddress().getHostAddress() + " presented " + m.presented());
    } else if (outcome instanceof BoxClient.Outcome.TlsFailed t) {
      fail(a, "TLS_FAILED", t.detail());
    } else if (outcome instanceof BoxClient.Outcome.ParametersFailed p) {
      fail(a, "PARAMETERS_INVALID", p.detail());
    } else if (outcome instanceof BoxClient.Outcome.Broken b) {
      fail(a, "BOX_UNREACHABLE", b.detail());
    } else if (outcome instanceof BoxClient.Outcome.Answered r) {
      if (r.status() == 204 && a.onLine) {
        reconfiguredOnLine(a);
      } else if (r.status() == 204) {
        downloaded(a);
      } else {
        fail(a, boxErrorCode(r.body()), "the box answered " + r.status() + ": "
            + boxErrorMessage(r.body()));
      }
    }
  }

  /**
   * The parameters 191 of a subscriber for the key of its serial-number certificate (Phase II
   * step 5, both modes): a fresh CB certificate for that key and the subscriber's CB ID, a fresh
   * NAP password, the CSS's address, timeouts and wakeup parameters.
   */
  private Parameters191 parameters(SubscriberRecord s, ConfigurationRecord registration,
      X509Certificate serialCertificate) {
    X509Certificate cb = ca.issueCbCertificate(s.cbId(), serialCertificate.getPublicKey(),
        CB_CERTIFICATE_VALIDITY);
    char[] password = store.subscribers().generateNapPassword(s.cbId());
    try {
      return new Parameters191(CbName.of(s.cbName()), registration.friendlyName(),
          ca.presentedChain(cb), settings.localNap(), s.cbId().value() + "@" + subscriberDomain,
          new String(password), cssAddress, settings.boxTimeouts(),
          settings.wakeupParameters());
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private void downloaded(Attempt a) {
    attempts.remove(a.subscriber.cbId(), a);
    downloaded(a.subscriber);
  }

  /** The box took its parameters 191: DOWNLOADED, then Phase III (wakeup, timeout). */
  private void downloaded(SubscriberRecord subscriber) {
    CbId cbId = subscriber.cbId();
    Phase3 phase3 = new Phase3(clock.instant());
    store.registrations().set(cbId, ConfigurationState.DOWNLOADED, null, null);
    Logger.info("configuration: {} took its parameters 191; Phase III: waking it at {}", cbId,
        subscriber.telephoneNumber());
    Phase3 previous = waiting.put(cbId, phase3);
    if (previous != null) {
      previous.cancel();
    }
    phase3.timeout = schedule(() -> phase3TimedOut(cbId, phase3), settings.phase3Timeout());
    // The box first hangs up its configuration call and starts listening for wakeups with its
    // new parameters: a call placed at once would ring a busy line or a box still starting.
    schedule(() -> cbss.wakeUp(new WakeupCall(cbId, subscriber.telephoneNumber(), 0),
        result -> {
          if (!result.placed()) {
            // The box may still call on its own: the timeout decides.
            Logger.warn("configuration: wakeup call to {} not placed: {}", cbId,
                result.detail());
          }
        }), PHASE3_WAKEUP_DELAY);
  }

  /** How long after the download the Phase III wakeup call is placed. */
  static final Duration PHASE3_WAKEUP_DELAY = Duration.ofSeconds(5);

  /**
   * A granted CONNECT of {@code cbId} committed (called by the connectivity manager on the
   * request's thread): a box waiting in Phase III is CONFIGURED. Fast; never throws.
   */
  public void connected(CbId cbId) {
    if (fetchedUnconfirmed.remove(cbId) != null) {
      // Box-connects mode, the confirmation lost: the CONNECT with the CB certificate shows
      // the parameters were installed.
      try {
        store.registrations().set(cbId, ConfigurationState.CONFIGURED, null, null);
        Logger.info("configuration: {} CONNECTed after fetching its parameters 191 (no"
            + " confirmation seen): CONFIGURED", cbId);
      } catch (StoreException e) {
        Logger.error(e, "configuration: cannot record {} CONFIGURED", cbId);
      }
    }
    Phase3 phase3 = waiting.remove(cbId);
    if (phase3 == null) {
      return;
    }
    phase3.cancel();
    try {
      configured(cbId);
    } catch (StoreException e) {
      Logger.error(e, "configuration: cannot record {} CONFIGURED", cbId);
    }
  }

  /**
   * A granted CONNECT of {@code cbId} with the box's sequence numbers (called by the connectivity
   * manager on the request's thread): besides Phase III ({@link #connected(CbId)}), a box whose
   * reconfiguration is pending and whose configuration sequence number is two below the CSS's is
   * reconfigured through its local NAP: the manager PUTs fresh parameters 191 to {@code
   * https://ADDRESS:PHASE2_PORT} (ADDRESS: the source address of the CONNECT, from the
   * connection row), on its own thread. Fast; never throws.
   */
  public void connected(CbId cbId, ConnectRequest request) {
    connected(cbId);
    long boxNumber = request.sequenceNumbers().get(Task.CONFIGURATION).orElse(0L);
    try {
      executor.execute(() -> reconfigureOnLine(cbId, boxNumber));
    } catch (RejectedExecutionException e) {
      Logger.warn("configuration: stopping, CONNECT of {} not looked at", cbId);
    }
  }

  private void reconfigureOnLine(CbId cbId, long boxNumber) {
    try {
      Optional<ConfigurationRecord> registration = store.registrations().configuration(cbId);
      if (registration.isEmpty()
          || registration.get().state() != ConfigurationState.RECONFIGURING) {
        return;
      }
      long cssNumber = store.subscribers().sequenceNumber(cbId, Task.CONFIGURATION.wireName());
      if (cssNumber - boxNumber != 2) {
        return; // +1: the box goes through the configuration NAP (its login starts Phase II)
      }
      Optional<SubscriberRecord> s = store.subscribers().find(cbId);
      Optional<ConnectionRecord> row = store.connections().find(cbId);
      if (s.isEmpty() || s.get().serialNumber().isEmpty() || row.isEmpty()
          || row.get().address() == null) {
        Logger.warn("configuration: {} cannot be reconfigured on line: no serial or address",
            cbId);
        return;
      }
      InetAddress address = InetAddress.getByName(row.get().address()); // a literal: no lookup
      Attempt a = new Attempt(new ConfigurationLogin(s.get().serialNumber().get(), address,
          "local-nap", "reconfiguration-" + cssNumber), s.get(), registration.get(),
          clock.instant().plus(settings.connectWindow()), true);
      Attempt old = attempts.put(cbId, a);
      if (old != null) {
        old.cancelled = true;
      }
      Logger.info("configuration: reconfiguring {} on line through its local NAP at {}"
          + " (configuration sequence number {} -> {})", cbId, row.get().address(), boxNumber,
          cssNumber);
      attempt(a);
    } catch (StoreException | java.net.UnknownHostException e) {
      Logger.error(e, "configuration: cannot reconfigure {} on line", cbId);
    }
  }

  /** The box took its new parameters 191 while on line: no Phase III is needed. */
  private void reconfiguredOnLine(Attempt a) {
    CbId cbId = a.subscriber.cbId();
    attempts.remove(cbId, a);
    if (store.registrations().advance(cbId, ConfigurationState.RECONFIGURING,
        ConfigurationState.CONFIGURED)) {
      Logger.info("configuration: {} took its new parameters 191 on line: CONFIGURED", cbId);
    }
  }

  private void configured(CbId cbId) {
    if (store.registrations().advance(cbId, ConfigurationState.DOWNLOADED,
        ConfigurationState.CONFIGURED)) {
      Logger.info("configuration: {} CONNECTed with its CB certificate: CONFIGURED", cbId);
    }
  }

  private void phase3TimedOut(CbId cbId, Phase3 phase3) {
    if (!waiting.remove(cbId, phase3)) {
      return; // the CONNECT came first, or a new Phase II began
    }
    Instant downloadedAt = phase3.downloadedAt;
    try {
      // A CONNECT served by another node since the download counts as well.
      Optional<ConnectionRecord> row = store.connections().find(cbId);
      if (row.isPresent() && row.get().connectedAt() != null
          && !row.get().connectedAt().isBefore(downloadedAt)) {
        configured(cbId);
        return;
      }
      if (store.registrations().advance(cbId, ConfigurationState.DOWNLOADED,
          ConfigurationState.FAILED, "CALLBACK_TIMED_OUT", "no CONNECT within "
              + settings.phase3Timeout().toSeconds() + " s of the download")) {
        Logger.warn("configuration: {} did not CONNECT within {} s: CALLBACK_TIMED_OUT", cbId,
            settings.phase3Timeout().toSeconds());
      }
    } catch (StoreException e) {
      Logger.error(e, "configuration: cannot record the Phase III timeout of {}", cbId);
    }
  }

  private void fail(Attempt a, String error, String detail) {
    CbId cbId = a.subscriber.cbId();
    attempts.remove(cbId, a);
    try {
      store.registrations().set(cbId, ConfigurationState.FAILED, error, detail);
    } catch (StoreException e) {
      Logger.error(e, "configuration: cannot record the failure of {}", cbId);
    }
    Logger.warn("configuration: Phase II of {} failed: {} {}", cbId, error, detail);
  }

  private HttpUrl url(InetAddress box) {
    return new HttpUrl.Builder().scheme("https").host(box.getHostAddress())
        .port(settings.phase2Port()).build();
  }

  private ScheduledFuture<?> schedule(Runnable r, Duration after) {
    return executor.schedule(() -> {
      try {
        r.run();
      } catch (RuntimeException e) {
        Logger.error(e, "configuration: unexpected failure");
      }
    }, after.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The box's error code from its body {@code {"error":{"code":...}}}, else BOX_REFUSED. */
  static String boxErrorCode(String body) {
    return boxError(body, "code").filter(c -> c.matches("[A-Z_]{1,32}")).orElse("BOX_REFUSED");
  }

  private static String boxErrorMessage(String body) {
    return boxError(body, "message").orElse(body.length() > 200 ? body.substring(0, 200) : body);
  }

  private static Optional<String> boxError(String body, String field) {
    try {
      JsonObject e = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      return Optional.of(e.get(field).getAsString());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Box-connects mode (docs/configuration.md, "Phase II, box connects to the CSS"): the box of
   * {@code subscriber}, on line over its configuration login {@code loginKey} ({@code
   * NAS/Acct-Session-Id}), asks for its parameters 191 presenting {@code serialCertificate}
   * (the caller checked the serial is the subscriber's and the login active at the connection's
   * source address). Cancels a PUT attempt the login started (the box serves nothing in this
   * mode) and derives the parameters exactly as for the PUT. The state is left as it is until
   * the box confirms ({@link #installed}) or CONNECTs.
   */
  public Parameters191 fetched(SubscriberRecord subscriber, ConfigurationRecord registration,
      X509Certificate serialCertificate, String loginKey) {
    CbId cbId = subscriber.cbId();
    fetchedLogins.put(cbId, loginKey);
    Attempt pending = attempts.remove(cbId);
    if (pending != null) {
      pending.cancelled = true;
    }
    Parameters191 p = parameters(subscriber, registration, serialCertificate);
    fetchedUnconfirmed.put(cbId, clock.instant());
    Logger.info("configuration: {} (serial {}) fetched its parameters 191 over login {}", cbId,
        subscriber.serialNumber().map(Object::toString).orElse("?"), loginKey);
    return p;
  }

  /**
   * Box-connects mode: the box of {@code subscriber} confirms it installed the parameters 191
   * it fetched: DOWNLOADED and Phase III, as after a 204 to the PUT.
   */
  public void installed(SubscriberRecord subscriber) {
    fetchedUnconfirmed.remove(subscriber.cbId());
    Attempt pending = attempts.remove(subscriber.cbId());
    if (pending != null) {
      pending.cancelled = true;
    }
    downloaded(subscriber);
  }

  /** Stops Phase II attempts and Phase III timers; rows are left as they are. */
  @Override
  public void close() {
    attempts.values().forEach(a -> a.cancelled = true);
    executor.shutdownNow();
  }
}
