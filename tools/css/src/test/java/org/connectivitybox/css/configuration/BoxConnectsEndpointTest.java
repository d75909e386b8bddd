package org.connectivitybox.css.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.store.AddressBooks;
import org.connectivitybox.css.store.ConfigurationState;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.NapSession;
import org.connectivitybox.css.store.NapSessions;
import org.connectivitybox.css.store.Registration;
import org.connectivitybox.css.store.Registrations;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CSS's configuration connector (docs/configuration.md, "Phase II, box connects to the
 * CSS"): a real CSS with its configuration manager and {@code --config-listen}, a raw TLS client
 * standing in for the box on 127.0.0.1, and the RADIUS accounting row written as the RADIUS
 * server writes it.
 */
class BoxConnectsEndpointTest {
  static final SerialNumber SERIAL = SerialNumber.of("CB0000077");

  Path data;
  Css css;
  KeyPair boxKeys;

  @BeforeEach
  void setUp() throws Exception {
    data = Files.createTempDirectory("box-connects");
    css = Css.start(new Css.Settings(data, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null)
        .withConfiguration(ConfigurationSettings.of(
            org.connectivitybox.protocols.pstn.TelephoneNumber.of("5550300"), null,
            Set.of("08005550100"), 2)
            .withConfigListen(new InetSocketAddress("127.0.0.1", 0))), Clock.systemUTC());
    boxKeys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    String hash = "0f".repeat(32);
    css.repositories().serials().importRows(List.of(new LegitimateSerial(SERIAL,
        SERIAL + "@config", hash, hash, Instant.parse("2051-01-01T00:00:00Z"), "test.csv",
        null)));
  }

  @AfterEach
  void tearDown() {
    css.close();
  }

  CbId register() {
    CbId cbId = Registrations.newCbId();
    css.repositories().registrations().register(new Registration(SubscriberRecord.newSubscriber(
        cbId, "jo-home", new TelephoneNumber("+3225550123"), ZoneId.of("Europe/Brussels"))
        .withSerialNumber(SERIAL), "Jo Smith", "1 Rue Haute", "{\"plan\":\"basic\"}",
        "Jo at home", List.of(new AddressBooks.Entry("alice", "Alice"))));
    return cbId;
  }

  /** What the RADIUS server records at the Accounting-Start of the configuration login. */
  void configurationLoginAt(String address) {
    css.repositories().napSessions().started(new NapSessions.Report("nas-config", "s-1",
        SERIAL + "@config", NapSession.LoginKind.CONFIGURATION, SERIAL.value(), null, address,
        "5553001", "08001234567", null, null, null, null));
  }

  TlsContext boxTls() {
    X509Certificate cert = css.folder().ca().issueSerialNumberCertificate(SERIAL,
        boxKeys.getPublic());
    return tls(boxKeys.getPrivate(), cert);
  }

  TlsContext tls(PrivateKey key, X509Certificate cert) {
    return TlsContexts.builder().identity(key, css.folder().ca().presentedChain(cert))
        .trustAnchor(css.folder().ca().root()).acceptPeers(CertificatePurpose.CSS_SERVER)
        .build();
  }

  record Reply(int status, String body) {}

  Reply exchange(TlsContext tls, String method, String path) throws IOException {
    try (SSLSocket s = tls.connect(new InetSocketAddress("127.0.0.1", css.configurationPort()),
        5_000)) {
      return exchange(s, method, path);
    }
  }

  static Reply exchange(SSLSocket s, String method, String path) throws IOException {
    s.setSoTimeout(10_000);
    s.startHandshake();
    OutputStream out = s.getOutputStream();
    out.write((method + " " + path + " HTTP/1.1\r\nHost: css\r\nContent-Length: 0\r\n"
        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = s.getInputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    String response = b.toString(StandardCharsets.UTF_8);
    if (response.isEmpty()) {
      throw new IOException("no answer");
    }
    int status = Integer.parseInt(response.substring(9, 12));
    return new Reply(status, response.substring(response.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void aRegisteredBoxOnLineAtItsConfigurationLoginGetsItsParametersAndConfirms()
      throws Exception {
    CbId cbId = register();
    configurationLoginAt("127.0.0.1");

    Reply got = exchange(boxTls(), "GET", "/v1/configuration");

    assertEquals(200, got.status(), got.body());
    Parameters191 p = Parameters191Codec.decode(got.body().getBytes(StandardCharsets.UTF_8));
    assertTrue(p.certifies(boxKeys.getPublic()), "a CB certificate for the box's key");
    assertEquals("jo-home", p.cbName().value());
    assertEquals(cbId.value() + "@", p.localNapUserName().substring(0,
        cbId.value().length() + 1));
    assertEquals(ConfigurationState.REGISTERED, state(cbId), "nothing recorded before the POST");

    Reply confirmed = exchange(boxTls(), "POST", "/v1/configuration/installed");

    assertEquals(204, confirmed.status(), confirmed.body());
    assertEquals(ConfigurationState.DOWNLOADED, state(cbId));
  }

  @Test
  void anUnregisteredSerialGets404() throws Exception {
    configurationLoginAt("127.0.0.1");

    Reply r = exchange(boxTls(), "GET", "/v1/configuration");

    assertEquals(404, r.status(), r.body());
    assertTrue(r.body().contains("\"NOT_REGISTERED\""), r.body());
  }

  @Test
  void aSerialWithNoActiveConfigurationLoginFromThatAddressGets403() throws Exception {
    CbId cbId = register();
    Reply none = exchange(boxTls(), "GET", "/v1/configuration");
    assertEquals(403, none.status(), none.body());
    assertTrue(none.body().contains("\"NO_CONFIGURATION_LOGIN\""), none.body());

    configurationLoginAt("127.2.0.9"); // on line, but at another address
    Reply elsewhere = exchange(boxTls(), "POST", "/v1/configuration/installed");
    assertEquals(403, elsewhere.status(), elsewhere.body());
    assertEquals(ConfigurationState.REGISTERED, state(cbId));

    css.repositories().napSessions().stopped(new NapSessions.Report("nas-config", "s-1",
        SERIAL + "@config", NapSession.LoginKind.CONFIGURATION, SERIAL.value(), null,
        "127.0.0.1", null, null, 10L, 0L, 0L, 1));
    Reply stopped = exchange(boxTls(), "GET", "/v1/configuration");
    assertEquals(403, stopped.status(), "a stopped login is not on line: " + stopped.body());
  }

  @Test
  void theConnectorRefusesACbCertificateAndNoCertificateInTheHandshake() throws Exception {
    register();
    configurationLoginAt("127.0.0.1");
    CbId other = CbId.of("cb-other");
    X509Certificate cb = css.folder().ca().issueCbCertificate(other, boxKeys.getPublic(),
        Duration.ofDays(30));
    assertThrows(IOException.class, () -> exchange(tls(boxKeys.getPrivate(), cb), "GET",
        "/v1/configuration"));

    SSLContext anonymous = SSLContext.getInstance("TLS");
    anonymous.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    assertThrows(IOException.class, () -> {
      try (Socket plain = new Socket("127.0.0.1", css.configurationPort());
          SSLSocket s = (SSLSocket) anonymous.getSocketFactory().createSocket(plain,
              "127.0.0.1", css.configurationPort(), true)) {
        exchange(s, "GET", "/v1/configuration");
      }
    });

    // The operational connector still refuses the serial-number certificate.
    assertThrows(IOException.class, () -> {
      try (SSLSocket s = boxTls().connect(new InetSocketAddress("127.0.0.1",
          css.operationalPort()), 5_000)) {
        exchange(s, "GET", "/v1/time");
      }
    });
    // And the right certificate passes, so the refusals above were the certificates'.
    assertEquals(200, exchange(boxTls(), "GET", "/v1/configuration").status());
  }

  @Test
  void otherMethodsAndPathsAreRefused() throws Exception {
    register();
    configurationLoginAt("127.0.0.1");
    assertEquals(405, exchange(boxTls(), "PUT", "/v1/configuration").status());
    assertEquals(405, exchange(boxTls(), "GET", "/v1/configuration/installed").status());
    assertEquals(404, exchange(boxTls(), "GET", "/v1/connect").status());
  }

  ConfigurationState state(CbId cbId) {
    return css.repositories().registrations().configuration(cbId).orElseThrow().state();
  }

  static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
