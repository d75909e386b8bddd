package org.connectivitybox.firmware.http;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.ConnectionCodec;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.DisconnectResponse;
import org.connectivitybox.protocols.connection.SequenceCheckRequest;
import org.connectivitybox.protocols.connection.SequenceCheckResponse;
import org.connectivitybox.protocols.sendreceive.Metering;
import org.connectivitybox.protocols.sendreceive.SendReceiveCodec;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * The box's client of the CSS's transactions (connection manager: CONNECT, DISCONNECT, the
 * sequence-number check; send/receive manager: SEND, VERIFY, METERING): each call sends one request
 * and returns its {@link Outcome}; it never throws for a refusal, an error status or a
 * transport failure.
 *
 * <p>One kept-alive HTTPS connection is reused across transactions; a new connection goes
 * through the TLS context's client session cache, so the JDK may resume the session. The
 * CSS's certificate must chain to the context's Root CA, have purpose CSS_SERVER and name the
 * host of the base URL. Thread-safe, but the protocol has a box run one transaction at a time.
 * {@link #close()} drops the pooled connection and stops OkHttp's threads.
 */
public final class CssClient implements AutoCloseable {
  private static final MediaType JSON = MediaType.get(Transaction.MEDIA_TYPE);

  private final HttpUrl base;
  private final OkHttpClient http;

  private CssClient(HttpUrl base, OkHttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * A client of the CSS at {@code base} (for example {@code https://css.example:8443}).
   *
   * @param tls the box's context: its CB certificate, the Root CA, peers of purpose CSS_SERVER
   * @param timeout for connecting and for each read and write; a SEND may wait a whole wakeup,
   *     so the caller chooses
   * @param events hears OkHttp's events (connections, TLS handshakes); {@link EventListener#NONE}
   * @throws IllegalArgumentException if {@code base} is not an https URL
   */
  public static CssClient create(URI base, TlsContext tls, Duration timeout,
      EventListener events) {
    return create(base, tls, timeout, events, SocketFactory.getDefault());
  }

  /**
   * A client of the CSS at {@code base} whose TCP connections come from {@code sockets}: OkHttp
   * asks it for an unconnected socket, connects it, and layers TLS over it. A load generator
   * uses this to bind each simulated box to a source address of its own and to count the bytes
   * on the wire (TLS records, both directions).
   *
   * @param sockets makes plain (not TLS) sockets; {@link SocketFactory#getDefault()} is what
   *     {@link #create(URI, TlsContext, Duration, EventListener)} uses
   * @throws IllegalArgumentException if {@code base} is not an https URL, or {@code sockets} is
   *     an {@code SSLSocketFactory} (TLS is this client's own layer)
   */
  public static CssClient create(URI base, TlsContext tls, Duration timeout,
      EventListener events, SocketFactory sockets) {
    Objects.requireNonNull(sockets, "sockets");
    HttpUrl url = HttpUrl.get(base.toString());
    if (!url.isHttps()) {
      throw new IllegalArgumentException("the CSS is reached over https, not " + base);
    }
    ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.RESTRICTED_TLS)
        .tlsVersions(tls.protocols().toArray(String[]::new))
        .cipherSuites(tls.cipherSuites().toArray(String[]::new))
        .build();
    OkHttpClient http = new OkHttpClient.Builder()
        .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
        .connectionSpecs(List.of(spec))
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectionPool(new ConnectionPool(1, 5, TimeUnit.MINUTES))
        .connectTimeout(timeout)
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .eventListener(Objects.requireNonNull(events, "events"))
        .socketFactory(sockets)
        // Every byte crosses a 33.6 kbit/s line: headers the CSS does not use are not sent
        // (HTTP/1.1 keeps the connection alive without "Connection: Keep-Alive"; the CSS's
        // answers are small and never compressed).
        .addNetworkInterceptor(chain -> chain.proceed(chain.request().newBuilder()
            .removeHeader("User-Agent").removeHeader("Accept-Encoding")
            .removeHeader("Connection").build()))
        .build();
    return new CssClient(url, http);
  }

  /** CONNECT: {@code Answered} with a granted or refused {@link ConnectResponse}. */
  public Outcome<ConnectResponse> connect(ConnectRequest request) {
    return exchange(Transaction.CONNECT, ConnectionCodec.encode(request),
        ConnectionCodec::decodeConnectResponse);
  }

  /** ABGET: {@code Answered} with the master address book and the CSS's sequence number. */
  public Outcome<org.connectivitybox.protocols.absync.AddressBookDownload> addressBook() {
    return exchange(Transaction.ADDRESS_BOOK_GET,
        "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        org.connectivitybox.protocols.absync.AddressBookCodec::decode);
  }

  /** DISCONNECT: {@code Answered} with a confirmed or not confirmed {@link DisconnectResponse}. */
  public Outcome<DisconnectResponse> disconnect(DisconnectRequest request) {
    return exchange(Transaction.DISCONNECT, ConnectionCodec.encode(request),
        ConnectionCodec::decodeDisconnectResponse);
  }

  /** The sequence-number check: {@code Answered} with the CSS's mismatching numbers. */
  public Outcome<SequenceCheckResponse> checkSequenceNumbers(SequenceCheckRequest request) {
    return exchange(Transaction.SEQUENCE_NUMBERS, ConnectionCodec.encode(request),
        ConnectionCodec::decodeSequenceCheckResponse);
  }

  /**
   * SEND: {@code Answered} with an accepted (job number, receiver's data-transfer address) or
   * refused {@link SendResponse}. The CSS may hold the request open while it wakes the receiver:
   * the client's read timeout must exceed the CSS's wakeup timeout.
   */
  public Outcome<SendResponse> send(SendRequest request) {
    return exchange(Transaction.SEND, SendReceiveCodec.encode(request),
        SendReceiveCodec::decodeSendResponse);
  }

  /** VERIFY (receiver): {@code Answered} with a confirmed or refused {@link VerifyResponse}. */
  public Outcome<VerifyResponse> verify(VerifyRequest request) {
    return exchange(Transaction.VERIFY, SendReceiveCodec.encode(request),
        SendReceiveCodec::decodeVerifyResponse);
  }

  /**
   * METERING: {@code Answered} with the metering itself when the CSS took it (204, no body);
   * {@code Rejected} with {@code UNKNOWN_JOB}, {@code WRONG_STATE} or {@code NOT_CONNECTED}. The
   * protocol has the box neither wait for it to proceed nor retry it.
   */
  public Outcome<Metering> metering(Metering metering) {
    return exchange(Transaction.METERING, SendReceiveCodec.encode(metering), 204,
        none -> metering);
  }

  /** Decodes a 200 body; pure. */
  @FunctionalInterface
  private interface Decoder<R> {
    R decode(byte[] body) throws MalformedMessageException;
  }

  private <R> Outcome<R> exchange(Transaction t, byte[] body, Decoder<R> decoder) {
    return exchange(t, body, 200, decoder);
  }

  private <R> Outcome<R> exchange(Transaction t, byte[] body, int success, Decoder<R> decoder) {
    Request request = new Request.Builder()
        .url(base.resolve(t.path()))
        .post(RequestBody.create(body, JSON))
        .build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody b = response.body();
      byte[] bytes = b == null ? new byte[0] : b.bytes();
      if (response.code() == success) {
        return new Outcome.Answered<>(decoder.decode(bytes));
      }
      return rejected(response.code(), bytes);
    } catch (IOException e) {
      return new Outcome.Failed<>(e);
    }
  }

  /**
   * An error answer. The code is read leniently (a code this box does not know, from a newer CSS,
   * still gives a {@code Rejected} with the status).
   */
  private static <R> Outcome<R> rejected(int status, byte[] bytes) {
    String code = "HTTP_" + status;
    String message = "";
    try {
      JsonElement tree = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
      if (tree.isJsonObject() && tree.getAsJsonObject().get("error") instanceof JsonObject e) {
        if (e.get("code") != null && e.get("code").isJsonPrimitive()) {
          code = e.get("code").getAsString();
        }
        if (e.get("message") != null && e.get("message").isJsonPrimitive()) {
          message = e.get("message").getAsString();
        }
      }
    } catch (RuntimeException notJson) {
      // no error body: the status is all there is
    }
    return new Outcome.Rejected<>(status, code, message);
  }

  @Override
  public void close() {
    http.connectionPool().evictAll();
    http.dispatcher().executorService().shutdown();
  }
}
