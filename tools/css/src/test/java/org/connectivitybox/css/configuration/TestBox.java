package org.connectivitybox.css.configuration;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * A test collaborator standing in for the box side of Phase II (docs/configuration.md): serves
 * HTTPS on 127.0.0.2 with a serial-number certificate from the test CA, requires a client
 * certificate of purpose CSS_SERVER, and takes {@code PUT /v1/configuration} decoded strictly
 * with {@link Parameters191Codec} (204), or refuses it as told. The real box is the firmware's.
 */
final class TestBox implements AutoCloseable {
  static final String HOST = "127.0.0.2";

  final KeyPair keys;
  final List<Parameters191> received = new CopyOnWriteArrayList<>();
  final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private final HttpsServer server;

  /**
   * @param refusal null: accept valid parameters with 204; else answer 400 with this error code
   */
  TestBox(CertificateAuthority ca, SerialNumber serial, String refusal) throws IOException {
    keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    TlsContext tls = TlsContexts.builder()
        .identity(keys.getPrivate(), ca.presentedChain(
            ca.issueSerialNumberCertificate(serial, keys.getPublic())))
        .trustAnchor(ca.root()).acceptPeers(CertificatePurpose.CSS_SERVER).build();
    server = HttpsServer.create(new InetSocketAddress(HOST, 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls.sslContext()) {
      @Override
      public void configure(HttpsParameters p) {
        p.setSSLParameters(tls.serverParameters());
      }
    });
    server.createContext("/v1/configuration", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      int status;
      String answer = "";
      if (!"PUT".equals(exchange.getRequestMethod())) {
        status = 405;
      } else if (refusal != null) {
        status = 400;
        answer = "{\"error\":{\"code\":\"" + refusal + "\",\"message\":\"refused by the test\"}}";
      } else {
        try {
          Parameters191 p = Parameters191Codec.decode(body);
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          received.add(p);
          status = 204;
        } catch (IOException e) {
          status = 400;
          answer = "{\"error\":{\"code\":\"INVALID_PARAMETERS\",\"message\":\"" + e.getMessage()
              .replace('"', '\'') + "\"}}";
        }
      }
      byte[] out = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        exchange.getResponseBody().write(out);
      }
      exchange.close();
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
