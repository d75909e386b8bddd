package org.connectivitybox.firmware.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.hal.store.PersistentStore;
import org.connectivitybox.hal.store.StoredRecord;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration endpoint and the parameters check on their own (no line): the strict
 * HTTP/1.1 of one PUT, the TLS peer filter, and what is stored for which body.
 */
class ConfigurationServerTest {
  static final SecureRandom RANDOM = new SecureRandom();
  final CertificateAuthority ca = CertificateAuthority.createRoot("Test Root", KeyAlgorithm.EC_P256,
      Clock.systemUTC(), RANDOM);
  final CertificateAuthority otherCa = CertificateAuthority.createRoot("Other Root",
      KeyAlgorithm.EC_P256, Clock.systemUTC(), RANDOM);
  final KeyPair box = KeyAlgorithm.EC_P256.generate(RANDOM);
  final KeyPair css = KeyAlgorithm.EC_P256.generate(RANDOM);
  final SerialNumber serial = SerialNumber.of("CB1A00000201");

  TlsContext boxTls() {
    return TlsContexts.builder().identity(box.getPrivate(),
        List.of(ca.issueSerialNumberCertificate(serial, box.getPublic())))
        .trustAnchor(ca.root()).acceptPeers(CertificatePurpose.CSS_SERVER).build();
  }

  TlsContext cssTls() {
    return TlsContexts.builder().identity(css.getPrivate(), List.of(ca.issueCssServerCertificate(
        "CSS", List.of("127.0.0.1"), css.getPublic(), Duration.ofDays(30))))
        .trustAnchor(ca.root()).acceptPeers(CertificatePurpose.SERIAL_NUMBER).build();
  }

  @Test
  void onlyAPutOfJsonWithALengthOnTheOnePathReachesTheHandler() throws Exception {
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    try (ConfigurationServer server = ConfigurationServer.bind(boxTls(),
        InetAddress.getByName("127.0.0.1"), 0)) {
      CompletableFuture<Boolean> served = CompletableFuture.supplyAsync(() ->
          server.serve(body -> {
            bodies.add(body);
            return ConfigurationServer.Reply.noContent();
          }, Duration.ofSeconds(30)));
      InetSocketAddress at = new InetSocketAddress("127.0.0.1", server.port());
      String json = "application/json; charset=utf-8";

      String get = exchange(at, "GET /v1/configuration HTTP/1.1\r\nHost: x\r\n\r\n", null);
      assertTrue(get.startsWith("HTTP/1.1 405 "), get);
      assertTrue(get.contains("\r\nAllow: PUT\r\n"), get);
      assertTrue(exchange(at, put("/v1/other", json, 2), "{}").startsWith("HTTP/1.1 404 "));
      String noLength = exchange(at, "PUT /v1/configuration HTTP/1.1\r\nContent-Type: " + json
          + "\r\n\r\n", null);
      assertTrue(noLength.startsWith("HTTP/1.1 411 "), noLength);
      assertTrue(noLength.endsWith("{\"error\":{\"code\":\"LENGTH_REQUIRED\","
          + "\"message\":\"a Content-Length is required\"}}"), noLength);
      assertTrue(exchange(at, put("/v1/configuration", json, 64 * 1024 + 1), null)
          .startsWith("HTTP/1.1 413 "));
      assertTrue(exchange(at, put("/v1/configuration", "text/plain", 2), "{}")
          .startsWith("HTTP/1.1 415 "));
      assertTrue(exchange(at, "PUT /v1/configuration HTTP/1.0\r\n\r\n", null)
          .startsWith("HTTP/1.1 400 "));
      assertTrue(bodies.isEmpty(), "none of these reached the handler");
      assertFalse(served.isDone());

      String ok = exchange(at, put("/v1/configuration", json, 7), "{\"a\":1}");
      assertTrue(ok.startsWith("HTTP/1.1 204 "), ok);
      assertTrue(served.get(10, TimeUnit.SECONDS), "serving ends with the accepted body");
      assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), bodies.get(0));
    }
  }

  @Test
  void aPeerThatIsNotTheCssServerIsRefusedInTheHandshake() throws Exception {
    KeyPair other = KeyAlgorithm.EC_P256.generate(RANDOM);
    TlsContext aBox = TlsContexts.builder().identity(other.getPrivate(),
        List.of(ca.issueCbCertificate(CbId.of("cb-other"), other.getPublic(),
            Duration.ofDays(30)))).trustAnchor(ca.root())
        .acceptPeers(CertificatePurpose.SERIAL_NUMBER).build();
    TlsContext foreignCss = TlsContexts.builder().identity(css.getPrivate(),
        List.of(otherCa.issueCssServerCertificate("CSS", List.of("127.0.0.1"), css.getPublic(),
            Duration.ofDays(30)))).trustAnchor(ca.root())
        .acceptPeers(CertificatePurpose.SERIAL_NUMBER).build();
    List<byte[]> bodies = new CopyOnWriteArrayList<>();
    try (ConfigurationServer server = ConfigurationServer.bind(boxTls(),
        InetAddress.getByName("127.0.0.1"), 0)) {
      CompletableFuture<Boolean> served = CompletableFuture.supplyAsync(() ->
          server.serve(body -> {
            bodies.add(body);
            return ConfigurationServer.Reply.noContent();
          }, Duration.ofSeconds(3)));
      InetSocketAddress at = new InetSocketAddress("127.0.0.1", server.port());
      for (TlsContext peer : List.of(aBox, foreignCss)) {
        assertThrows(IOException.class, () -> {
          try (SSLSocket s = peer.connect(at, 2_000)) {
            s.setSoTimeout(5_000);
            s.startHandshake();
            s.getOutputStream().write(put("/v1/configuration", "application/json", 2)
                .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write("{}".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            if (s.getInputStream().read() < 0) {
              throw new IOException("closed without an answer");
            }
          }
        });
      }
      assertFalse(served.get(10, TimeUnit.SECONDS), "nothing accepted; the deadline passed");
      assertTrue(bodies.isEmpty());
    }
  }

  @Test
  void theInstallerStoresOnlyParametersForThisBoxUnderItsRoot(@TempDir Path tmp)
      throws Exception {
    Path dir = tmp.resolve("store");
    Parameters190 p190 = factory();
    DirectoryStore.seed(dir, Parameters190Codec.record(p190));
    BoxStore store = BoxStore.open(dir);
    ParametersInstaller installer = new ParametersInstaller(store, p190);

    var otherKey = installer.install(Parameters191Codec.encode(p191(ca,
        KeyAlgorithm.EC_P256.generate(RANDOM)))); // the CSS's CA, another box's key
    assertEquals(new ParametersInstaller.Outcome.Invalid(
        "cbCertificate does not certify this box's public key"), otherKey);
    var otherRoot = installer.install(Parameters191Codec.encode(p191(otherCa, box)));
    assertInstanceOf(ParametersInstaller.Outcome.Invalid.class, otherRoot);
    assertTrue(((ParametersInstaller.Outcome.Invalid) otherRoot).reason()
        .startsWith("cbCertificate does not chain to the box's Root CA"), otherRoot.toString());
    var malformed = installer.install("{\"cbName\":\"jo-home\"}".getBytes(StandardCharsets.UTF_8));
    assertInstanceOf(ParametersInstaller.Outcome.Invalid.class, malformed);
    assertTrue(store.parameters191().isEmpty(), "nothing stored");
    assertTrue(store.parameters190().configurationFlag());

    Parameters191 good = p191(ca, box);
    assertEquals(new ParametersInstaller.Outcome.Installed(good),
        installer.install(Parameters191Codec.encode(good)));
    assertEquals(good, store.parameters191().orElseThrow());
    assertFalse(store.parameters190().configurationFlag());
  }

  @Test
  void aStoreThatFailsKeepsTheOldRecords(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("store");
    Parameters190 p190 = factory();
    DirectoryStore.seed(dir, Parameters190Codec.record(p190));
    PersistentStore real = DirectoryStore.open(dir);
    PersistentStore failing = new PersistentStore() {
      @Override
      public Optional<StoredRecord> read(String name) throws IOException {
        return real.read(name);
      }

      @Override
      public StoredRecord write(String name, int schemaVersion, byte[] payload)
          throws IOException {
        throw new IOException("no space left on device");
      }

      @Override
      public void delete(String name) throws IOException {
        real.delete(name);
      }

      @Override
      public List<String> names() throws IOException {
        return real.names();
      }
    };
    BoxStore store = BoxStore.over(failing);
    var outcome = new ParametersInstaller(store, p190).install(
        Parameters191Codec.encode(p191(ca, box)));
    assertEquals(new ParametersInstaller.Outcome.StoreFailed(
        "cannot store parameters 191: no space left on device"), outcome);
    assertTrue(store.parameters191().isEmpty());
    assertTrue(store.parameters190().configurationFlag());
    assertEquals(List.of("params190"), Files.list(dir).map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".rec")).map(n -> n.substring(0, n.length() - 4)).toList());
  }

  private Parameters190 factory() {
    return new Parameters190(serial, TelephoneNumber.of("08001234567"),
        Parameters190.configUserName(serial, "config.cbox.example"), "factory-pw",
        ConfigTimeouts.DEFAULTS, ConfigurationMode.CSS_CONNECTS_TO_BOX, null, box.getPublic(),
        box.getPrivate(), List.of(ca.issueSerialNumberCertificate(serial, box.getPublic())),
        ca.root(), true);
  }

  private static Parameters191 p191(CertificateAuthority issuer, KeyPair keys) {
    return new Parameters191(CbName.of("jo-home"), "Uncle Jo",
        List.of(issuer.issueCbCertificate(CbId.of("cb-jo"), keys.getPublic(),
            Duration.ofDays(365))), TelephoneNumber.of("08450001"), "cb-jo@nasp.cb.example",
        "secret-pw", ServiceAddress.parse("127.0.0.1:8443"), OperationalTimeouts.DEFAULTS,
        new WakeupParameters(Set.of("08005550100"), Optional.empty(), 0,
            Duration.ofSeconds(2)));
  }

  private static String put(String path, String type, int length) {
    return "PUT " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: " + type
        + "\r\nContent-Length: " + length + "\r\n\r\n";
  }

  private String exchange(InetSocketAddress at, String head, String body) throws Exception {
    try (SSLSocket s = cssTls().connect(at, 2_000)) {
      s.setSoTimeout(5_000);
      s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        s.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      }
      s.getOutputStream().flush();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      s.getInputStream().transferTo(b);
      return b.toString(StandardCharsets.UTF_8);
    }
  }
}
