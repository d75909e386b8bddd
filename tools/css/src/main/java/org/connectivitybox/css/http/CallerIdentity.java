package org.connectivitybox.css.http;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRecords;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.transaction.ErrorCode;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The request identity filter of the operational URLs: the caller is the subscriber whose CB ID
 * its verified CB certificate names, never a field of the request.
 *
 * <p>The TLS layer has already refused callers without a certificate of purpose CB from this
 * Root CA. Here an unknown CB ID gets 403 {@code UNKNOWN_SUBSCRIBER} and a revoked one 403
 * {@code SUBSCRIBER_REVOKED}; otherwise the subscriber record is put in the request attribute
 * {@link #ATTRIBUTE} and the request goes on. The record is read from the database on every
 * request, so a revocation takes effect at once on every node.
 */
public final class CallerIdentity extends Handler.Wrapper {
  /** The request attribute holding the caller's {@link SubscriberRecord}. */
  public static final String ATTRIBUTE = "org.connectivitybox.css.caller";

  private final SubscriberRecords subscribers;

  public CallerIdentity(SubscriberRecords subscribers, Handler next) {
    super(next);
    this.subscribers = subscribers;
  }

  /** The caller of a request that passed this filter. */
  public static SubscriberRecord of(Request request) {
    return (SubscriberRecord) request.getAttribute(ATTRIBUTE);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    SubscriberRecord caller;
    try {
      caller = caller(request);
    } catch (ApiError e) {
      JsonHandler.send(response, callback, e.status(), Json.error(e.code(), e.getMessage()));
      return true;
    }
    request.setAttribute(ATTRIBUTE, caller);
    return super.handle(request, response, callback);
  }

  private SubscriberRecord caller(Request request) {
    EndPoint.SslSessionData tls =
        (EndPoint.SslSessionData) request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE);
    X509Certificate[] chain = tls == null ? null : tls.peerCertificates();
    if (chain == null || chain.length == 0) {
      throw ApiError.forbidden("no_certificate", "a CB certificate is required");
    }
    PeerIdentity identity;
    try {
      identity = PeerIdentity.of(chain[0]);
    } catch (CertificateException e) {
      throw ApiError.forbidden(ErrorCode.WRONG_CERTIFICATE.name(), e.getMessage());
    }
    if (!(identity instanceof PeerIdentity.CbIdentity cb)) {
      throw ApiError.forbidden(ErrorCode.WRONG_CERTIFICATE.name(),
          "this URL accepts CB certificates only, not " + identity.purpose());
    }
    SubscriberRecord record = subscribers.find(cb.cbId()).orElseThrow(() ->
        ApiError.forbidden(ErrorCode.UNKNOWN_SUBSCRIBER.name(), "no subscriber " + cb.cbId()));
    if (!record.isActive()) {
      throw ApiError.forbidden(ErrorCode.SUBSCRIBER_REVOKED.name(), "subscriber " + cb.cbId() + " is revoked");
    }
    return record;
  }
}
