package org.connectivitybox.css;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.connectivitybox.css.admin.AdminApi;
import org.connectivitybox.css.admin.AdminAuthentication;
import org.connectivitybox.css.admin.AdminCredential;
import org.connectivitybox.css.connectivity.ConnectionEndpoint;
import org.connectivitybox.css.connectivity.ConnectivityManager;
import org.connectivitybox.css.sendreceive.SendReceiveEndpoint;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.http.CallerIdentity;
import org.connectivitybox.css.http.Routes;
import org.connectivitybox.css.http.TimeEndpoint;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.transaction.Transaction;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The CSS's HTTPS server: two connectors on one Jetty server.
 *
 * <pre>
 *   operational connector (boxes)              admin connector (operators, console)
 *   ------------------------------             ------------------------------------
 *   /v1/time, /v1/connect, /v1/disconnect,     /admin/v1/...            {@link AdminApi}
 *   /v1/sequence-numbers ({@link ConnectionEndpoint}, one URL per transaction)
 *   /v1/send, /v1/verify, /v1/metering ({@link SendReceiveEndpoint})
 *   {@link Routes}                                    {@link AdminAuthentication} (HTTP Basic)
 *   {@link CallerIdentity}: CB ID from the certificate; 403 if unknown/revoked
 *   HTTP/1.1 + SecureRequestCustomizer         HTTP/1.1
 *   TLS 1.3/1.2, client certificate required   TLS 1.3/1.2, CSS certificate, no client cert
 *     and only of purpose CB ({@link TlsContext})
 *   TCP 127.0.0.1:8443 by default              TCP 127.0.0.1:8444 by default
 * </pre>
 *
 * <p>Every request runs on a thread of Jetty's pool and reads what it needs from the database:
 * nothing is kept in memory that a second CSS node would need. {@link #close()} stops both
 * connectors and waits for requests in progress.
 */
public final class CssServer implements AutoCloseable {
  private static final String OPERATIONAL = "operational";
  private static final String ADMIN = "admin";
  private static final String CONFIGURATION = "configuration";

  private final Server server;
  private final ServerConnector operational;
  private final ServerConnector admin;
  private final SendReceiveManager sendReceive;
  private final ConnectivityManager connectivity;
  private final ServerConnector configuration;
  private final Delegate configurationHandler;

  private CssServer(Server server, ServerConnector operational, ServerConnector admin,
      SendReceiveManager sendReceive, ConnectivityManager connectivity,
      ServerConnector configuration, Delegate configurationHandler) {
    this.server = server;
    this.operational = operational;
    this.admin = admin;
    this.sendReceive = sendReceive;
    this.connectivity = connectivity;
    this.configuration = configuration;
    this.configurationHandler = configurationHandler;
  }

  /**
   * Starts the server.
   *
   * @param operationalTls accepts peers of purpose CB only
   * @param adminTls the same server identity; its peer purposes are unused (no client cert)
   * @throws CssException if a port cannot be bound
   */
  public static CssServer start(InetSocketAddress listen, InetSocketAddress adminListen,
      TlsContext operationalTls, TlsContext adminTls, Repositories store,
      AdminCredential credential, CallbackSignallingServer cbss,
      SendReceiveManager.Settings sendReceiveSettings, Clock clock) throws CssException {
    return start(listen, adminListen, operationalTls, adminTls, store, credential, cbss,
        sendReceiveSettings, null, null, clock);
  }

  /**
   * Starts the server, with a third connector for Phase II in mode BOX_CONNECTS_TO_CSS when
   * {@code configListen} is given: client certificate required, of purpose SERIAL_NUMBER only
   * ({@code configTls}); it answers 503 until {@link #configurationEndpoint} gives its handler.
   *
   * @param configListen null: no configuration connector
   * @throws CssException if a port cannot be bound
   */
  public static CssServer start(InetSocketAddress listen, InetSocketAddress adminListen,
      TlsContext operationalTls, TlsContext adminTls, Repositories store,
      AdminCredential credential, CallbackSignallingServer cbss,
      SendReceiveManager.Settings sendReceiveSettings, InetSocketAddress configListen,
      TlsContext configTls, Clock clock) throws CssException {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("css");
    Server server = new Server(threads);
    server.setStopTimeout(5_000);
    ServerConnector op = connector(server, OPERATIONAL, listen, operationalTls, true);
    ServerConnector ad = connector(server, ADMIN, adminListen, adminTls, false);
    server.addConnector(op);
    server.addConnector(ad);
    ServerConnector cf = null;
    Delegate configurationHandler = new Delegate();
    if (configListen != null) {
      cf = connector(server, CONFIGURATION, configListen, configTls, true);
      server.addConnector(cf);
    }
    Routes routes = new Routes().add(TimeEndpoint.PATH, new TimeEndpoint(clock));
    ConnectivityManager connectivity = new ConnectivityManager(store.connections(), clock);
    for (Transaction t : List.of(Transaction.CONNECT, Transaction.DISCONNECT,
        Transaction.SEQUENCE_NUMBERS)) {
      routes.add(t.path(), new ConnectionEndpoint(t, connectivity));
    }
    SendReceiveManager sendReceive = new SendReceiveManager(store, connectivity, cbss,
        sendReceiveSettings, clock);
    routes.add(Transaction.ADDRESS_BOOK_GET.path(), new org.connectivitybox.css.connectivity
        .AddressBookEndpoint(store, connectivity));
    for (Transaction t : List.of(Transaction.SEND, Transaction.VERIFY, Transaction.METERING)) {
      routes.add(t.path(), new SendReceiveEndpoint(t, sendReceive));
    }
    server.setHandler(new Handler.Sequence(
        new OnConnector(OPERATIONAL, new CallerIdentity(store.subscribers(), routes)),
        new OnConnector(ADMIN, new AdminAuthentication(credential, new AdminApi(store))),
        new OnConnector(CONFIGURATION, configurationHandler)));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing: the start failure is the one to report
      }
      sendReceive.close();
      throw new CssException("cannot start the HTTPS server on " + listen + " and "
          + adminListen + ": " + e.getMessage(), e);
    }
    return new CssServer(server, op, ad, sendReceive, connectivity, cf, configurationHandler);
  }

  private static ServerConnector connector(Server server, String name, InetSocketAddress at,
      TlsContext tls, boolean clientCertificates) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.sslContext());
    ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    ssl.setIncludeCipherSuites(tls.cipherSuites().toArray(String[]::new));
    ssl.setUseCipherSuitesOrder(true);
    ssl.setNeedClientAuth(clientCertificates);
    ssl.setWantClientAuth(clientCertificates);
    ssl.setEndpointIdentificationAlgorithm(null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    // Boxes answer on slow lines and set their clocks from GET /v1/time: no Date header.
    http.setSendDateHeader(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // The SSLContext is given ready-made, so Jetty has no key store to check SNI names against.
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    ServerConnector c = new ServerConnector(server,
        new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    c.setName(name);
    c.setHost(at.getHostString());
    c.setPort(at.getPort());
    return c;
  }

  /** The bound port of the operational connector (useful with port 0). */
  public int operationalPort() {
    return operational.getLocalPort();
  }

  /** The bound port of the admin connector. */
  public int adminPort() {
    return admin.getLocalPort();
  }

  /** The bound port of the configuration connector; -1 if there is none. */
  public int configurationPort() {
    return configuration == null ? -1 : configuration.getLocalPort();
  }

  /** Gives the configuration connector its handler (until then it answers 503). */
  void configurationEndpoint(Handler handler) {
    handler.setServer(server);
    configurationHandler.target = handler;
  }

  SendReceiveManager sendReceive() {
    return sendReceive;
  }

  /** The connection manager serving the operational URLs. */
  ConnectivityManager connectivity() {
    return connectivity;
  }

  /** Answers held SENDs (503), then stops both connectors and the send/receive manager. */
  @Override
  public void close() {
    try {
      sendReceive.close();
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the HTTPS server: " + e.getMessage(), e);
    }
  }

  /** The configuration connector's handler, given once the configuration manager exists. */
  private static final class Delegate extends Handler.Abstract {
    volatile Handler target;

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      Handler t = target;
      if (t == null) {
        org.connectivitybox.css.http.JsonHandler.send(response, callback, 503,
            org.connectivitybox.css.http.Json.error("unavailable",
                "the configuration manager is not running"));
        return true;
      }
      return t.handle(request, response, callback);
    }
  }

  /** Passes on only the requests that arrived on one named connector. */
  private static final class OnConnector extends Handler.Wrapper {
    private final String connector;

    OnConnector(String connector, Handler next) {
      super(next);
      this.connector = connector;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
        throws Exception {
      if (!connector.equals(request.getConnectionMetaData().getConnector().getName())) {
        return false;
      }
      return super.handle(request, response, callback);
    }
  }
}
