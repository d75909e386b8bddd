package org.connectivitybox.loadgen;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.ConnectionCodec;
import org.connectivitybox.protocols.connection.DisconnectResponse;
import org.connectivitybox.protocols.connection.SequenceCheckResponse;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.SendReceiveCodec;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.transaction.Transaction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
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
 * The bound: the least a server must do per transaction with the CSS's TLS, HTTP and database,
 * so that the linkups through the CSS can be set against it.
 *
 * <pre>
 *   POST /v1/{connect,send,verify,metering,disconnect,sequence-numbers}
 *   one committed transaction:  SELECT counter ... WHERE cb_id = caller FOR UPDATE;
 *                               UPDATE ... SET counter = counter + 1
 *   a fixed positive answer of the transaction's type (SEND: job number = the counter)
 *   caller = the CB ID of the client certificate (as the CSS takes it)
 *   HTTP/1.1 + SecureRequestCustomizer, Jetty 12, pool of 200 threads  (as the CSS)
 *   TLS 1.3/1.2, client certificate of purpose CB required             (as the CSS)
 *   HikariCP, 10 connections, on the database given                     (as the CSS)
 * </pre>
 *
 * <p>The connector is built exactly as the CSS's operational connector is ({@code
 * CssServer.connector}): the same SslContextFactory settings from a {@link TlsContext} of the
 * same builder. Request bodies are read in full and not decoded; the answer bodies are those of
 * the CSS's codecs, so the bytes on the wire compare. {@link #close()} stops the server and the
 * pool.
 */
final class BoundServer implements AutoCloseable {
  static final String TABLE = "loadgen_bound";

  private final Server server;
  private final ServerConnector connector;
  private final HikariDataSource pool;

  private BoundServer(Server server, ServerConnector connector, HikariDataSource pool) {
    this.server = server;
    this.connector = connector;
    this.pool = pool;
  }

  /**
   * Opens the database (creating the table and a row per box), then starts the server.
   *
   * @param tls the server's context: a CSS_SERVER identity, accepting peers of purpose CB
   * @throws IOException if the database or the port cannot be had
   */
  static BoundServer start(InetSocketAddress listen, TlsContext tls, String jdbcUrl, String user,
      String password, List<CbId> boxes) throws IOException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    config.setPoolName("bound-db");
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IOException("cannot open the bound's database: " + e.getMessage(), e);
    }
    try {
      prepare(pool, boxes);
    } catch (SQLException e) {
      pool.close();
      throw new IOException("cannot prepare the bound's table: " + e.getMessage(), e);
    }
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("bound");
    Server server = new Server(threads);
    server.setStopTimeout(5_000);
    ServerConnector c = connector(server, listen, tls);
    server.addConnector(c);
    server.setHandler(new Transactions(pool));
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // already failing
      }
      pool.close();
      throw new IOException("cannot start the bound's server on " + listen + ": "
          + e.getMessage(), e);
    }
    return new BoundServer(server, c, pool);
  }

  private static void prepare(HikariDataSource pool, List<CbId> boxes) throws SQLException {
    try (Connection c = pool.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
            + " (cb_id VARCHAR(64) PRIMARY KEY, counter BIGINT NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM " + TABLE + " WHERE cb_id = ?");
          PreparedStatement ins = c.prepareStatement(
              "INSERT INTO " + TABLE + " (cb_id, counter) VALUES (?, 0)")) {
        for (CbId box : boxes) {
          del.setString(1, box.value());
          del.executeUpdate();
          ins.setString(1, box.value());
          ins.executeUpdate();
        }
      }
      c.commit();
    }
  }

  /** The CSS's operational connector, as {@code CssServer.connector(..., true)} builds it. */
  private static ServerConnector connector(Server server, InetSocketAddress at, TlsContext tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setSslContext(tls.sslContext());
    ssl.setIncludeProtocols(tls.protocols().toArray(String[]::new));
    ssl.setIncludeCipherSuites(tls.cipherSuites().toArray(String[]::new));
    ssl.setUseCipherSuitesOrder(true);
    ssl.setNeedClientAuth(true);
    ssl.setWantClientAuth(true);
    ssl.setEndpointIdentificationAlgorithm(null);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(false);
    http.addCustomizer(secure);
    ServerConnector c = new ServerConnector(server,
        new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
    c.setName("bound");
    c.setHost(at.getHostString());
    c.setPort(at.getPort());
    return c;
  }

  /** The bound port (useful with port 0). */
  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop the bound's server: " + e.getMessage(), e);
    } finally {
      pool.close();
    }
  }

  /** One database transaction per request, then the fixed answer of its transaction type. */
  private static final class Transactions extends Handler.Abstract {
    private final HikariDataSource pool;

    Transactions(HikariDataSource pool) {
      this.pool = pool;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      Transaction t = Transaction.forPath(Request.getPathInContext(request));
      if (t == null || !"POST".equals(request.getMethod())) {
        response.setStatus(404);
        response.write(true, null, callback);
        return true;
      }
      try (InputStream in = Content.Source.asInputStream(request)) {
        in.readAllBytes();
        long counter = transaction(caller(request));
        byte[] body = answer(t, counter);
        response.setStatus(body == null ? 204 : 200);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (body == null) {
          response.write(true, null, callback);
        } else {
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, Transaction.MEDIA_TYPE);
          response.write(true, ByteBuffer.wrap(body), callback);
        }
      } catch (IOException | SQLException | CertificateException | RuntimeException e) {
        response.setStatus(500);
        response.write(true, null, callback);
      }
      return true;
    }

    private static CbId caller(Request request) throws CertificateException {
      EndPoint.SslSessionData tls =
          (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
      X509Certificate[] chain = tls == null ? null : tls.peerCertificates();
      if (chain == null || chain.length == 0) {
        throw new CertificateException("no client certificate");
      }
      if (PeerIdentity.of(chain[0]) instanceof PeerIdentity.CbIdentity cb) {
        return cb.cbId();
      }
      throw new CertificateException("not a CB certificate");
    }

    /** The caller's row locked and updated in one committed transaction; its new counter. */
    private long transaction(CbId caller) throws SQLException {
      try (Connection c = pool.getConnection()) {
        c.setAutoCommit(false);
        try {
          long counter;
          try (PreparedStatement select = c.prepareStatement(
              "SELECT counter FROM " + TABLE + " WHERE cb_id = ? FOR UPDATE")) {
            select.setString(1, caller.value());
            try (ResultSet rs = select.executeQuery()) {
              if (!rs.next()) {
                throw new SQLException("no row for " + caller);
              }
              counter = rs.getLong(1) + 1;
            }
          }
          try (PreparedStatement update = c.prepareStatement(
              "UPDATE " + TABLE + " SET counter = ? WHERE cb_id = ?")) {
            update.setLong(1, counter);
            update.setString(2, caller.value());
            update.executeUpdate();
          }
          c.commit();
          return counter;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }

    /** The positive answer of each transaction type; null for METERING's 204. */
    private static byte[] answer(Transaction t, long counter) {
      return switch (t) {
        case CONNECT -> ConnectionCodec.encode(ConnectResponse.granted(SequenceNumbers.NONE));
        case DISCONNECT -> ConnectionCodec.encode(
            DisconnectResponse.confirmed(SequenceNumbers.NONE));
        case SEQUENCE_NUMBERS -> ConnectionCodec.encode(
            new SequenceCheckResponse(SequenceNumbers.NONE));
        case SEND -> SendReceiveCodec.encode(SendResponse.accepted(JobNumber.of(counter),
            TransferAddress.of("127.0.0.1", Fleet.DATA_TRANSFER_PORT)));
        case VERIFY -> SendReceiveCodec.encode(VerifyResponse.CONFIRMED);
        case METERING -> null;
        case ADDRESS_BOOK_GET -> org.connectivitybox.protocols.absync.AddressBookCodec.encode(
            new org.connectivitybox.protocols.absync.AddressBookDownload(0, java.util.List.of()));
      };
    }
  }
}
