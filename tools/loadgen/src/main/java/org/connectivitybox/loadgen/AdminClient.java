package org.connectivitybox.loadgen;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CSS's admin API as the load generator uses it: registering each simulated box as a
 * subscriber ({@code POST /admin/v1/subscribers}, HTTP Basic, user {@code admin}). The admin
 * connector presents the CSS certificate, which must chain to the Root CA given here and name
 * the host of the admin URL.
 */
final class AdminClient {
  private final URI base;
  private final String authorization;
  private final HttpClient http;

  AdminClient(URI base, String password, X509Certificate root) {
    this.base = base;
    this.authorization = "Basic " + Base64.getEncoder().encodeToString(
        ("admin:" + password).getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().sslContext(trusting(root))
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  private static SSLContext trusting(X509Certificate root) {
    try {
      KeyStore roots = KeyStore.getInstance("PKCS12");
      roots.load(null, null);
      roots.setCertificateEntry("root", root);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(roots);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a context trusting the Root CA: "
          + e.getMessage(), e);
    }
  }

  /**
   * Registers {@code box} as an active subscriber that accepts anyone at any hour (time zone
   * UTC).
   *
   * @throws IOException if the CSS cannot be reached or does not answer 201 (the message has
   *     the status and the body)
   */
  void register(Box box) throws IOException {
    JsonObject body = new JsonObject();
    body.addProperty("cbId", box.cbId().value());
    body.addProperty("cbName", box.cbName().value());
    body.addProperty("telephoneNumber", box.telephoneNumber());
    body.addProperty("timeZone", "UTC");
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/admin/v1/subscribers"))
        .header("Authorization", authorization)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while registering " + box.cbId(), e);
    }
    if (response.statusCode() != 201) {
      throw new IOException("the admin API answered " + response.statusCode() + " to registering "
          + box.cbId() + ": " + response.body());
    }
  }
}
