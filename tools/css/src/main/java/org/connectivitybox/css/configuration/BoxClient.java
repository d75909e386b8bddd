package org.connectivitybox.css.configuration;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.Handshake;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContext;

/**
 * The CSS's HTTPS client of Phase II (docs/configuration.md, steps 4 and 5): connects to the
 * box's configuration server presenting the CSS server certificate, accepts only a peer of
 * purpose SERIAL_NUMBER under the Root CA (the {@link TlsContext} refuses any other in the
 * handshake), checks that the serial in that certificate is the one RADIUS authorised, and only
 * then builds and PUTs the parameters 191 — they carry a CB certificate for the key the box
 * just proved it holds, so they can only be made after the handshake.
 *
 * <p>Blocking; one exchange per call, on no pooled connection (each box is seen once). Failures
 * are typed {@link Outcome}s, never exceptions.
 */
final class BoxClient {
  /** The path of the box's configuration resource. */
  static final String PATH = "/v1/configuration";
  static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** Makes the body once the box's verified serial-number certificate is known. */
  @FunctionalInterface
  interface BodyMaker {
    byte[] body(X509Certificate serialCertificate);
  }

  /** How one exchange ended. */
  sealed interface Outcome {
    /** The box answered (204 or an error); {@code body} is its text, possibly empty. */
    record Answered(int status, String body) implements Outcome {}

    /** No TCP connection could be made (the box may not be serving yet): worth a retry. */
    record Unreachable(String detail) implements Outcome {}

    /** The TLS handshake failed (the box refused the CSS, or showed no valid certificate). */
    record TlsFailed(String detail) implements Outcome {}

    /** The box's serial-number certificate names another serial than RADIUS authorised. */
    record SerialMismatch(String presented) implements Outcome {}

    /** The parameters could not be made (nothing was sent). */
    record ParametersFailed(String detail) implements Outcome {}

    /** The connection failed after the handshake, mid-exchange. */
    record Broken(String detail) implements Outcome {}
  }

  private final OkHttpClient http;

  BoxClient(TlsContext tls, Duration timeout) {
    ConnectionSpec spec = new ConnectionSpec.Builder(ConnectionSpec.RESTRICTED_TLS)
        .tlsVersions(tls.protocols().toArray(String[]::new))
        .cipherSuites(tls.cipherSuites().toArray(String[]::new))
        .build();
    http = new OkHttpClient.Builder()
        .sslSocketFactory(tls.sslContext().getSocketFactory(), tls.trustManager())
        // The box's certificate names its serial, not the address the NAP leased it: the
        // identity check is the serial's, in the interceptor below.
        .hostnameVerifier((host, session) -> true)
        .connectionSpecs(List.of(spec))
        .protocols(List.of(Protocol.HTTP_1_1))
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(timeout)
        .writeTimeout(timeout)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .addNetworkInterceptor(chain -> {
          Exchange x = chain.request().tag(Exchange.class);
          Handshake h = chain.connection() == null ? null : chain.connection().handshake();
          if (x == null || h == null || h.peerCertificates().isEmpty()) {
            throw new SSLException("no TLS handshake with the box");
          }
          X509Certificate leaf = (X509Certificate) h.peerCertificates().get(0);
          PeerIdentity who;
          try {
            who = PeerIdentity.of(leaf);
          } catch (CertificateException e) {
            throw new SSLException(e.getMessage(), e);
          }
          if (!(who instanceof PeerIdentity.SerialNumberIdentity sn)
              || !sn.serial().equals(x.expected)) {
            throw new MismatchException(who instanceof PeerIdentity.SerialNumberIdentity sn2
                ? sn2.serial().value() : who.toString());
          }
          byte[] payload;
          try {
            payload = x.maker.body(leaf);
          } catch (RuntimeException e) {
            throw new ParametersException(e.getMessage(), e);
          }
          x.sent = true;
          // The application layer sized the placeholder body: the length is this body's.
          return chain.proceed(chain.request().newBuilder()
              .header("Content-Length", Integer.toString(payload.length))
              .put(RequestBody.create(payload, JSON)).build());
        })
        .build();
  }

  /** Per-call state the interceptor reads and writes. */
  private static final class Exchange {
    final SerialNumber expected;
    final BodyMaker maker;
    volatile boolean sent;

    Exchange(SerialNumber expected, BodyMaker maker) {
      this.expected = expected;
      this.maker = maker;
    }
  }

  private static final class MismatchException extends IOException {
    MismatchException(String presented) {
      super(presented);
    }
  }

  private static final class ParametersException extends IOException {
    ParametersException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** PUTs the parameters {@code maker} makes to {@code box} if it proves to be {@code serial}. */
  Outcome put(HttpUrl box, SerialNumber serial, BodyMaker maker) {
    Exchange x = new Exchange(serial, maker);
    Request request = new Request.Builder().url(box.newBuilder().encodedPath(PATH).build())
        .put(RequestBody.create(new byte[0], JSON)).tag(Exchange.class, x).build();
    try (Response r = http.newCall(request).execute()) {
      ResponseBody b = r.body();
      String text = b == null ? "" : new String(b.bytes(), StandardCharsets.UTF_8);
      return new Outcome.Answered(r.code(), text);
    } catch (MismatchException e) {
      return new Outcome.SerialMismatch(e.getMessage());
    } catch (ParametersException e) {
      return new Outcome.ParametersFailed(e.getMessage());
    } catch (SSLException e) {
      return new Outcome.TlsFailed(e.getMessage());
    } catch (ConnectException | NoRouteToHostException e) {
      return new Outcome.Unreachable(e.getMessage());
    } catch (SocketTimeoutException e) {
      return x.sent ? new Outcome.Broken("no answer: " + e.getMessage())
          : new Outcome.Unreachable(e.getMessage());
    } catch (IOException e) {
      return x.sent ? new Outcome.Broken(e.getMessage()) : new Outcome.TlsFailed(e.getMessage());
    }
  }
}
