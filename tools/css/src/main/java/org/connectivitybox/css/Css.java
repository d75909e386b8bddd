package org.connectivitybox.css;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.connectivitybox.css.admin.AdminCredential;
import org.connectivitybox.css.configuration.ConfigurationManager;
import org.connectivitybox.css.configuration.ConfigurationSettings;
import org.connectivitybox.css.radius.ConfigurationLogins;
import org.connectivitybox.css.radius.CssRadius;
import org.connectivitybox.css.radius.RadiusSettings;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.store.Database;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * A running CSS: its data folder, its database, its RADIUS server (when configured), its
 * call-back signalling server and its HTTPS server. Made by {@link #start} and stopped by {@link
 * #close()}, which stops the server (and the send/receive manager) and the RADIUS server before
 * the wakeup lines and the database.
 */
public final class Css implements AutoCloseable {

  /**
   * How to run a CSS.
   *
   * @param jdbcUrl a database to use instead of the embedded H2 file (null: embedded)
   * @param radius the RADIUS server's settings ({@link RadiusSettings#OFF}: none)
   * @param configuration the configuration manager's settings ({@link ConfigurationSettings#OFF}:
   *     none, configuration logins are only logged)
   */
  public record Settings(Path data, InetSocketAddress listen, InetSocketAddress adminListen,
      String jdbcUrl, String dbUser, String dbPassword, WakeupSettings wakeups,
      SendReceiveManager.Settings sendReceive, RadiusSettings radius,
      ConfigurationSettings configuration) {

    public Settings {
      Objects.requireNonNull(radius, "radius");
      Objects.requireNonNull(configuration, "configuration");
    }

    /** Settings without a configuration manager. */
    public Settings(Path data, InetSocketAddress listen, InetSocketAddress adminListen,
        String jdbcUrl, String dbUser, String dbPassword, WakeupSettings wakeups,
        SendReceiveManager.Settings sendReceive, RadiusSettings radius) {
      this(data, listen, adminListen, jdbcUrl, dbUser, dbPassword, wakeups, sendReceive, radius,
          ConfigurationSettings.OFF);
    }

    /** These settings with a configuration manager. */
    public Settings withConfiguration(ConfigurationSettings c) {
      return new Settings(data, listen, adminListen, jdbcUrl, dbUser, dbPassword, wakeups,
          sendReceive, radius, c);
    }

    /** Settings without a RADIUS server. */
    public Settings(Path data, InetSocketAddress listen, InetSocketAddress adminListen,
        String jdbcUrl, String dbUser, String dbPassword, WakeupSettings wakeups,
        SendReceiveManager.Settings sendReceive) {
      this(data, listen, adminListen, jdbcUrl, dbUser, dbPassword, wakeups, sendReceive,
          RadiusSettings.OFF);
    }

    /** These settings with a RADIUS server. */
    public Settings withRadius(RadiusSettings r) {
      return new Settings(data, listen, adminListen, jdbcUrl, dbUser, dbPassword, wakeups,
          sendReceive, r, configuration);
    }

    /** Settings without a way to wake boxes, with the default send/receive timeouts. */
    public Settings(Path data, InetSocketAddress listen, InetSocketAddress adminListen,
        String jdbcUrl, String dbUser, String dbPassword) {
      this(data, listen, adminListen, jdbcUrl, dbUser, dbPassword, WakeupSettings.NONE,
          SendReceiveManager.Settings.DEFAULTS);
    }
  }

  private final DataFolder folder;
  private final Database database;
  private final Repositories repositories;
  private final CssServer server;
  private final CallbackSignallingServer cbss;
  private final CssRadius radius;
  private final ConfigurationManager configuration;

  private Css(DataFolder folder, Database database, Repositories repositories, CssServer server,
      CallbackSignallingServer cbss, CssRadius radius, ConfigurationManager configuration) {
    this.folder = folder;
    this.database = database;
    this.repositories = repositories;
    this.server = server;
    this.cbss = cbss;
    this.radius = radius;
    this.configuration = configuration;
  }

  /**
   * Opens the data folder (making what is missing), the database, and starts the server.
   *
   * @throws CssException with a one-line message if any of them fails; nothing is left running
   */
  public static Css start(Settings s, Clock clock) throws CssException {
    return startWith(s, clock, null);
  }

  /**
   * As {@link #start(Settings, Clock)}, handing the configuration logins that RADIUS accounting
   * reports to {@code configurationLogins} instead of a configuration manager (tests).
   */
  public static Css start(Settings s, Clock clock, ConfigurationLogins configurationLogins)
      throws CssException {
    return startWith(s, clock, Objects.requireNonNull(configurationLogins, "logins"));
  }

  /**
   * The assembly: data folder, database, call-back signalling server, HTTPS server, then the
   * configuration manager (it needs the server's connection manager and port) and RADIUS (which
   * hands it the configuration logins).
   */
  private static Css startWith(Settings s, Clock clock, ConfigurationLogins givenLogins)
      throws CssException {
    DataFolder folder = DataFolder.open(s.data(),
        List.of(s.listen().getHostString(), s.adminListen().getHostString()), clock);
    Database db;
    try {
      db = s.jdbcUrl() == null ? Database.embedded(folder.databaseFolder())
          : Database.open(s.jdbcUrl(), s.dbUser(), s.dbPassword() == null ? "" : s.dbPassword());
    } catch (StoreException e) {
      throw new CssException(e.getMessage(), e);
    }
    CallbackSignallingServer cbss;
    try {
      cbss = s.wakeups().create();
    } catch (IllegalArgumentException e) {
      db.close();
      throw new CssException(e.getMessage(), e);
    }
    Repositories repositories = Repositories.over(db, clock);
    CssServer server;
    try {
      TlsContext operational = tls(folder, CertificatePurpose.CB);
      // The admin connector asks for no client certificate, so its accepted purposes never apply.
      TlsContext admin = tls(folder, CertificatePurpose.CB);
      InetSocketAddress configListen = s.configuration().enabled()
          ? s.configuration().configListen() : null;
      // Phase II with the box as client: only serial-number certificates on that connector.
      server = CssServer.start(s.listen(), s.adminListen(), operational, admin,
          repositories, new AdminCredential(folder.adminPassword()), cbss, s.sendReceive(),
          configListen, configListen == null ? null
              : tls(folder, CertificatePurpose.SERIAL_NUMBER), clock);
    } catch (CssException | RuntimeException e) {
      cbss.close();
      db.close();
      throw e;
    }
    ConfigurationManager manager = null;
    CssRadius radius = null;
    try {
      ConfigurationLogins logins = givenLogins;
      if (logins == null && s.configuration().enabled()) {
        ServiceAddress cssAddress = s.configuration().publicAddress() != null
            ? s.configuration().publicAddress()
            : new ServiceAddress(s.listen().getHostString(), server.operationalPort());
        // Phase II: the CSS is the box's client, with its server identity, accepting only a
        // serial-number certificate (docs/configuration.md).
        manager = new ConfigurationManager(repositories, folder.ca(),
            tls(folder, CertificatePurpose.SERIAL_NUMBER), cbss, s.configuration(), cssAddress,
            s.radius().subscriberDomain(), clock);
        server.connectivity().afterGrantedConnect(manager::connected);
        if (server.configurationPort() >= 0) {
          server.configurationEndpoint(new org.connectivitybox.css.configuration
              .BoxConnectsEndpoint(repositories, manager));
        }
        logins = manager;
      }
      if (s.radius().enabled()) {
        radius = CssRadius.start(s.radius(), repositories,
            logins == null ? ConfigurationLogins.LOGGING : logins);
      }
      return new Css(folder, db, repositories, server, cbss, radius, manager);
    } catch (IOException | RuntimeException e) {
      if (manager != null) {
        manager.close();
      }
      server.close();
      cbss.close();
      db.close();
      throw new CssException(e.getMessage(), e);
    }
  }

  /** The configuration manager, if the settings asked for one. */
  public Optional<ConfigurationManager> configuration() {
    return Optional.ofNullable(configuration);
  }

  private static TlsContext tls(DataFolder folder, CertificatePurpose accepted) {
    return TlsContexts.builder().identity(folder.serverKey(), folder.serverChain())
        .trustAnchor(folder.ca().root()).acceptPeers(accepted).build();
  }

  public DataFolder folder() {
    return folder;
  }

  public Repositories repositories() {
    return repositories;
  }

  public int operationalPort() {
    return server.operationalPort();
  }

  public int adminPort() {
    return server.adminPort();
  }

  /**
   * The bound port of the configuration connector (Phase II, box connects to the CSS); -1 if
   * the settings asked for none.
   */
  public int configurationPort() {
    return server.configurationPort();
  }

  /** The RADIUS server, if the settings asked for one. */
  public Optional<CssRadius> radius() {
    return Optional.ofNullable(radius);
  }

  /** The send/receive manager (for tests: how many SENDs it holds). */
  public SendReceiveManager sendReceive() {
    return server.sendReceive();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      try {
        if (radius != null) {
          radius.close();
        }
      } finally {
        try {
          if (configuration != null) {
            configuration.close();
          }
          cbss.close();
        } finally {
          database.close();
        }
      }
    }
  }
}
