package org.connectivitybox.css.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.connectivitybox.css.connectivity.TransactionError;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.protocols.codec.MalformedMessageException;
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
 * One transaction's URL: checks method and media type, reads the body (at most {@link
 * #MAX_BODY}), hands it with the caller's CB ID (from {@link CallerIdentity}) and source address
 * to {@link #answer} and writes the answer.
 *
 * <p>Failures are answered with the protocol's error body: 405 {@code METHOD_NOT_ALLOWED}, 415
 * {@code UNSUPPORTED_MEDIA_TYPE}, 400 {@code MALFORMED_REQUEST} (the message names the field),
 * a {@link TransactionError}'s code and status, 409 {@code WRONG_STATE} for an {@link
 * IllegalStateException} (only the state machines throw it: the connection or job refused the
 * event), 503 {@code SERVICE_UNAVAILABLE} (database), 500 {@code INTERNAL_ERROR}. A transaction
 * answered at once runs on a thread of the server's pool; one answered later ({@link
 * #answerLater}) holds no thread while it waits, and the connector's idle timeout does not end
 * it.
 */
public abstract class TransactionEndpoint extends Handler.Abstract {
  /** Requests of these transactions are small; anything larger is not one of them. */
  public static final int MAX_BODY = 64 * 1024;

  /** A 204 answer, no body. */
  protected static final byte[] NO_CONTENT = null;

  protected final Transaction transaction;

  protected TransactionEndpoint(Transaction transaction) {
    this.transaction = transaction;
  }

  /** The path this endpoint serves. */
  public final String path() {
    return transaction.path();
  }

  /**
   * Performs the transaction.
   *
   * @return the 200 body, or {@link #NO_CONTENT} for 204
   * @throws MalformedMessageException if the body is not this transaction's request
   */
  protected abstract byte[] answer(CbId caller, InetAddress source, byte[] body)
      throws MalformedMessageException;

  /**
   * Performs the transaction, possibly later (a SEND held while its receiver is woken). The
   * default answers at once with {@link #answer(CbId, InetAddress, byte[])}.
   *
   * @return the future 200 body, or {@link #NO_CONTENT} for 204; failed as {@link #answer} throws
   * @throws MalformedMessageException if the body is not this transaction's request
   */
  protected CompletableFuture<byte[]> answerLater(CbId caller, InetAddress source, byte[] body)
      throws MalformedMessageException {
    return CompletableFuture.completedFuture(answer(caller, source, body));
  }

  @Override
  public final boolean handle(Request request, Response response, Callback callback) {
    CompletableFuture<byte[]> answer;
    try {
      answer = answer(request);
    } catch (IOException | RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    if (!answer.isDone()) {
      // A held request ends at its own deadline, not at the connector's idle timeout.
      request.addIdleTimeoutListener(timeout -> false);
    }
    answer.whenComplete((body, failure) -> respond(response, callback, body, failure));
    return true;
  }

  private void respond(Response response, Callback callback, byte[] answered, Throwable failure) {
    int status = 200;
    byte[] body = answered;
    Throwable e = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (e == null) {
      if (body == NO_CONTENT) {
        status = 204;
      }
    } else if (e instanceof TransactionError t) {
      if (t.code() == ErrorCode.INTERNAL_ERROR) {
        Logger.error("failure on {}: {}", transaction.path(), t.getMessage());
      }
      status = t.code().httpStatus();
      body = error(t.code(), t.getMessage());
    } else if (e instanceof MalformedMessageException m) {
      status = ErrorCode.MALFORMED_REQUEST.httpStatus();
      body = error(ErrorCode.MALFORMED_REQUEST, m.getMessage());
    } else if (e instanceof IllegalStateException i) {
      status = ErrorCode.WRONG_STATE.httpStatus();
      body = error(ErrorCode.WRONG_STATE, i.getMessage());
    } else if (e instanceof StoreException s) {
      Logger.error(s, "database failure on {}", transaction.path());
      status = ErrorCode.SERVICE_UNAVAILABLE.httpStatus();
      body = error(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable; retry later");
    } else {
      Logger.error(e, "failure on {}", transaction.path());
      status = ErrorCode.INTERNAL_ERROR.httpStatus();
      body = error(ErrorCode.INTERNAL_ERROR, "internal error");
    }
    response.setStatus(status);
    if (body == NO_CONTENT) {
      response.write(true, null, callback);
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, Transaction.MEDIA_TYPE);
      response.write(true, ByteBuffer.wrap(body), callback);
    }
  }

  private CompletableFuture<byte[]> answer(Request request) throws IOException {
    if (!Transaction.METHOD.equals(request.getMethod())) {
      throw new TransactionError(ErrorCode.METHOD_NOT_ALLOWED,
          transaction.path() + " answers POST only, not " + request.getMethod());
    }
    checkMediaType(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    byte[] bytes = body(request);
    return answerLater(CallerIdentity.of(request).cbId(), sourceAddress(request), bytes);
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
