package org.connectivitybox.css;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.connectivitybox.css.admin.AdminCredential;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.store.Database;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * A running CSS: its data folder, its database, its call-back signalling server and its HTTPS
 * server. Made by {@link #start} and stopped by {@link #close()}, which stops the server (and the
 * send/receive manager) before the wakeup lines and the database.
 */
public final class Css implements AutoCloseable {

  /**
   * How to run a CSS.
   *
   * @param jdbcUrl a database to use instead of the embedded H2 file (null: embedded)
   */
  public record Settings(Path data, InetSocketAddress listen, InetSocketAddress adminListen,
      String jdbcUrl, String dbUser, String dbPassword, WakeupSettings wakeups,
      SendReceiveManager.Settings sendReceive) {

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

  private Css(DataFolder folder, Database database, Repositories repositories, CssServer server,
      CallbackSignallingServer cbss) {
    this.folder = folder;
    this.database = database;
    this.repositories = repositories;
    this.server = server;
    this.cbss = cbss;
  }

  /**
   * Opens the data folder (making what is missing), the database, and starts the server.
   *
   * @throws CssException with a one-line message if any of them fails; nothing is left running
   */
  public static Css start(Settings s, Clock clock) throws CssException {
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
    try {
      TlsContext operational = tls(folder, CertificatePurpose.CB);
      // The admin connector asks for no client certificate, so its accepted purposes never apply.
      TlsContext admin = tls(folder, CertificatePurpose.CB);
      Repositories repositories = Repositories.over(db, clock);
      CssServer server = CssServer.start(s.listen(), s.adminListen(), operational, admin,
          repositories, new AdminCredential(folder.adminPassword()), cbss, s.sendReceive(), clock);
      return new Css(folder, db, repositories, server, cbss);
    } catch (CssException | RuntimeException e) {
      cbss.close();
      db.close();
      throw e;
    }
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
        cbss.close();
      } finally {
        database.close();
      }
    }
  }
}
