package org.connectivitybox.css.configuration;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.connectivitybox.css.http.ApiError;
import org.connectivitybox.css.http.Json;
import org.connectivitybox.css.http.JsonHandler;
import org.connectivitybox.css.store.ConfigurationRecord;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tinylog.Logger;

/**
 * Phase II with the box as HTTPS client (mode {@code BOX_CONNECTS_TO_CSS}; docs/configuration.md,
 * "Phase II, box connects to the CSS"), served on the CSS's configuration connector, whose TLS
 * accepts only serial-number certificates under the Root CA.
 *
 * <pre>
 *   GET  /v1/configuration            200 parameters 191 (Parameters191Codec JSON)
 *   POST /v1/configuration/installed  204: DOWNLOADED, Phase III
 * </pre>
 *
 * <p>Both check, in this order: the serial in the verified client certificate belongs to a
 * subscriber registered through Phase I (404 {@code NOT_REGISTERED} otherwise); a configuration
 * login of that serial is on line at the connection's source address — a {@code nap_sessions}
 * row of kind CONFIGURATION for the serial, STARTED, whose Framed-IP-Address is the source
 * address (403 {@code NO_CONFIGURATION_LOGIN} otherwise). Another method: 405; another path: 404
 * {@code not_found}.
 */
public final class BoxConnectsEndpoint extends Handler.Abstract {
  /** The resource the box GETs. */
  public static final String PATH = "/v1/configuration";
  /** The confirmation the box POSTs after storing. */
  public static final String INSTALLED_PATH = "/v1/configuration/installed";

  private final Repositories store;
  private final ConfigurationManager manager;

  public BoxConnectsEndpoint(Repositories store, ConfigurationManager manager) {
    this.store = Objects.requireNonNull(store, "store");
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  /** A box that passed the checks. */
  private record Caller(SubscriberRecord subscriber, ConfigurationRecord registration,
      X509Certificate certificate, String loginKey) {}

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    try {
      if (PATH.equals(path)) {
        if (!"GET".equals(method)) {
          throw new ApiError(405, "METHOD_NOT_ALLOWED", method + " is not allowed");
        }
        Caller c = caller(request);
        byte[] body = Parameters191Codec.encode(manager.fetched(c.subscriber(), c.registration(),
            c.certificate(), c.loginKey()));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
      }
      if (INSTALLED_PATH.equals(path)) {
        if (!"POST".equals(method)) {
          throw new ApiError(405, "METHOD_NOT_ALLOWED", method + " is not allowed");
        }
        Caller c = caller(request);
        manager.installed(c.subscriber());
        response.setStatus(204);
        callback.succeeded();
        return true;
      }
      throw new ApiError(404, "not_found", "no such URL: " + path);
    } catch (ApiError e) {
      JsonHandler.send(response, callback, e.status(), Json.error(e.code(), e.getMessage()));
    } catch (StoreException e) {
      Logger.error(e, "configuration connector: database failure on {}", path);
      JsonHandler.send(response, callback, 503, Json.error("unavailable", e.getMessage()));
    } catch (RuntimeException e) {
      Logger.error(e, "configuration connector: failure on {}", path);
      JsonHandler.send(response, callback, 500, Json.error("internal", "internal error: "
          + e.getMessage()));
    }
    return true;
  }

  private Caller caller(Request request) {
    EndPoint.SslSessionData tls =
        (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
    X509Certificate[] chain = tls == null ? null : tls.peerCertificates();
    if (chain == null || chain.length == 0) {
      throw ApiError.forbidden("WRONG_CERTIFICATE", "a serial-number certificate is required");
    }
    PeerIdentity who;
    try {
      who = PeerIdentity.of(chain[0]);
    } catch (CertificateException e) {
      throw ApiError.forbidden("WRONG_CERTIFICATE", e.getMessage());
    }
    if (!(who instanceof PeerIdentity.SerialNumberIdentity sn)) {
      throw ApiError.forbidden("WRONG_CERTIFICATE",
          "this URL accepts serial-number certificates only, not " + who.purpose());
    }
    Optional<SubscriberRecord> s = store.subscribers().findBySerial(sn.serial());
    Optional<ConfigurationRecord> r = s.flatMap(x -> store.registrations().configuration(
        x.cbId()));
    if (r.isEmpty()) {
      throw new ApiError(404, "NOT_REGISTERED", "serial " + sn.serial().value()
          + " is not registered to a subscriber");
    }
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    String from = remote instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : "";
    Optional<String> login = store.napSessions().activeConfigurationLogin(sn.serial().value(),
        from);
    if (login.isEmpty()) {
      throw ApiError.forbidden("NO_CONFIGURATION_LOGIN", "no configuration login of "
          + sn.serial().value() + " is on line at " + from);
    }
    return new Caller(s.get(), r.get(), chain[0], login.get());
  }
}
