package org.connectivitybox.css.connectivity;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;
import org.connectivitybox.css.http.CallerIdentity;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.connection.ConnectionCodec;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.ErrorBody;
import org.connectivitybox.protocols.transaction.ErrorBodyCodec;
import org.connectivitybox.protocols.transaction.ErrorCode;
import org.connectivitybox.protocols.transaction.Transaction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.tinylog.Logger;

/**
 * One URL of the connection manager ({@code POST /v1/connect}, {@code /v1/disconnect}, {@code
 * /v1/sequence-numbers}): checks method and media type, decodes the body with {@link
 * ConnectionCodec}, hands it with the caller's CB ID (from {@link CallerIdentity}) and source
 * address to the {@link ConnectivityManager} and encodes the answer.
 *
 * <p>Failures are answered with the protocol's error body: 405 {@code METHOD_NOT_ALLOWED}, 415
 * {@code UNSUPPORTED_MEDIA_TYPE}, 400 {@code MALFORMED_REQUEST} (the message names the field),
 * 409 {@code NOT_CONNECTED}, 409 {@code WRONG_STATE} (a transition the connection refused), 503
 * {@code SERVICE_UNAVAILABLE} (database), 500 {@code INTERNAL_ERROR}. Blocking; one request per
 * thread of the server's pool.
 */
public final class ConnectionEndpoint extends Handler.Abstract {
  /** Requests of these transactions are small; anything larger is not one of them. */
  static final int MAX_BODY = 64 * 1024;

  private final Transaction transaction;
  private final ConnectivityManager manager;

  /** @throws IllegalArgumentException for a transaction not of the connection manager */
  public ConnectionEndpoint(Transaction transaction, ConnectivityManager manager) {
    switch (transaction) {
      case CONNECT, DISCONNECT, SEQUENCE_NUMBERS -> { }
      default -> throw new IllegalArgumentException(transaction + " is not served here");
    }
    this.transaction = transaction;
    this.manager = manager;
  }

  /** The path this endpoint serves. */
  public String path() {
    return transaction.path();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = 200;
    byte[] body;
    try {
      body = answer(request);
    } catch (TransactionError e) {
      if (e.code() == ErrorCode.INTERNAL_ERROR) {
        Logger.error("failure on {}: {}", transaction.path(), e.getMessage());
      }
      status = e.code().httpStatus();
      body = error(e.code(), e.getMessage());
    } catch (MalformedMessageException e) {
      status = ErrorCode.MALFORMED_REQUEST.httpStatus();
      body = error(ErrorCode.MALFORMED_REQUEST, e.getMessage());
    } catch (IllegalStateException e) {
      // Only the CssConnection transitions throw this: the connection refused the event.
      status = ErrorCode.WRONG_STATE.httpStatus();
      body = error(ErrorCode.WRONG_STATE, e.getMessage());
    } catch (StoreException e) {
      Logger.error(e, "database failure on {}", transaction.path());
      status = ErrorCode.SERVICE_UNAVAILABLE.httpStatus();
      body = error(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; retry later");
    } catch (IOException | RuntimeException e) {
      Logger.error(e, "failure on {}", transaction.path());
      status = ErrorCode.INTERNAL_ERROR.httpStatus();
      body = error(ErrorCode.INTERNAL_ERROR, "internal error");
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Transaction.MEDIA_TYPE);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private byte[] answer(Request request) throws IOException {
    if (!Transaction.METHOD.equals(request.getMethod())) {
      throw new TransactionError(ErrorCode.METHOD_NOT_ALLOWED,
          transaction.path() + " answers POST only, not " + request.getMethod());
    }
    checkMediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    byte[] bytes = body(request);
    CbId caller = CallerIdentity.of(request).cbId();
    return switch (transaction) {
      case CONNECT -> ConnectionCodec.encode(manager.connect(caller, sourceAddress(request),
          ConnectionCodec.decodeConnectRequest(bytes)));
      case DISCONNECT -> ConnectionCodec.encode(manager.disconnect(caller,
          ConnectionCodec.decodeDisconnectRequest(bytes)));
      case SEQUENCE_NUMBERS -> ConnectionCodec.encode(manager.checkSequenceNumbers(caller,
          ConnectionCodec.decodeSequenceCheckRequest(bytes)));
      default -> throw new AssertionError(transaction);
    };
  }

  /** Accepts {@code application/json}, with no charset or UTF-8. */
  private void checkMediaType(String contentType) {
    String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
    boolean json = "application/json".equalsIgnoreCase(parts[0].trim());
    for (int i = 1; i < parts.length && json; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
      if (p.startsWith("charset=") && !p.equals("charset=utf-8")) {
        json = false;
      }
    }
    if (!json) {
      throw new TransactionError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, transaction.path()
          + " takes application/json; charset=utf-8, not " + contentType);
    }
  }

  private byte[] body(Request request) throws IOException {
    try (InputStream in = Content.Source.asInputStream(request)) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new MalformedMessageException(transaction + " request: the body is larger than "
            + MAX_BODY + " bytes");
      }
      return bytes;
    }
  }

  private static InetAddress sourceAddress(Request request) {
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress();
    }
    throw new TransactionError(ErrorCode.INTERNAL_ERROR,
        "no IP source address for the connection: " + remote);
  }

  private static byte[] error(ErrorCode code, String message) {
    String m = message == null || message.isBlank() ? code.name() : message;
    if (m.length() > ErrorBody.MAX_MESSAGE) {
      m = m.substring(0, ErrorBody.MAX_MESSAGE);
    }
    return ErrorBodyCodec.encode(new ErrorBody(code, m));
  }
}
