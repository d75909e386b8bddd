package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operational connector seen from curl, a foreign TLS/HTTP client: only a CB certificate of
 * this Root CA completes the handshake; the CB ID comes from it; a revoked or unknown subscriber
 * gets 403 with the JSON error body.
 */
class CallerIdentityCurlTest {
  @TempDir Path dir;
  RunningCss css;

  @BeforeEach
  void start() throws Exception {
    css = new RunningCss();
  }

  @AfterEach
  void stop() {
    css.close();
  }

  record Curl(int exit, String status, String body, String stderr) {}

  Curl curl(Path[] credential, String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(options));
    cmd.addAll(0, List.of("curl", "-sS", "--max-time", "20",
        "--cacert", css.caFile().toString(), "-o", dir.resolve("body").toString(),
        "-w", "%{http_code}"));
    if (credential != null) {
      cmd.addAll(List.of("--cert", credential[0].toString(), "--key", credential[1].toString()));
    }
    cmd.add("https://127.0.0.1:" + css.css.operationalPort() + "/v1/time");
    Files.deleteIfExists(dir.resolve("body"));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
      String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String body = Files.exists(dir.resolve("body")) ? Files.readString(dir.resolve("body")) : "";
      return new Curl(p.exitValue(), status, body, Files.readString(dir.resolve("stderr")));
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void aCbCertificateOfARegisteredSubscriberGetsItsCbIdAndTheServerTime() throws Exception {
    css.register("cb-alice");
    Instant before = Instant.now().minusSeconds(1);
    Curl r = curl(css.cbCredential(dir, "cb-alice"));
    assertEquals(0, r.exit(), r.stderr());
    assertEquals("200", r.status());
    JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
    assertEquals("cb-alice", o.get("cbId").getAsString());
    Instant t = Instant.parse(o.get("serverTime").getAsString());
    assertFalse(t.isBefore(before), "server time " + t);
  }

  @Test
  void tls12WithTheProductsSuitesIsAcceptedAndTls11IsNot() throws Exception {
    css.register("cb-alice");
    Path[] alice = css.cbCredential(dir, "cb-alice");
    Curl tls12 = curl(alice, "--tlsv1.2", "--tls-max", "1.2", "--ciphers",
        "ECDHE-ECDSA-AES128-GCM-SHA256");
    assertEquals("200", tls12.status(), tls12.stderr());
    assertRefusedInTls(curl(alice, "--tlsv1.2", "--tls-max", "1.2", "--ciphers",
        "ECDHE-ECDSA-AES128-SHA256"));
    assertRefusedInTls(curl(alice, "--tlsv1.1", "--tls-max", "1.1"));
  }

  @Test
  void aRevokedSubscriberGets403WithTheJsonErrorBody() throws Exception {
    css.register("cb-bob");
    Path[] bob = css.cbCredential(dir, "cb-bob");
    assertEquals("200", curl(bob).status());
    css.css.repositories().subscribers().setStatus(CbId.of("cb-bob"), SubscriberStatus.REVOKED);
    Curl r = curl(bob);
    assertEquals("403", r.status());
    JsonObject error = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("SUBSCRIBER_REVOKED", error.get("code").getAsString());
    assertEquals("subscriber cb-bob is revoked", error.get("message").getAsString());
  }

  @Test
  void anUnknownSubscriberGets403() throws Exception {
    Curl r = curl(css.cbCredential(dir, "cb-nobody"));
    assertEquals("403", r.status());
    assertTrue(r.body().contains("\"code\":\"UNKNOWN_SUBSCRIBER\""), r.body());
  }

  @Test
  void noCertificateIsRefusedAtTheTlsLayer() throws Exception {
    assertRefusedInTls(curl(null));
  }

  @Test
  void aSerialNumberCertificateIsRefusedAtTheTlsLayer() throws Exception {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var cert = css.css.folder().ca().issueSerialNumberCertificate(SerialNumber.of("CB0000042"),
        pair.getPublic());
    assertRefusedInTls(curl(RunningCss.write(dir, "serial", cert, pair)));
  }

  @Test
  void aCbCertificateFromAForeignCaIsRefusedAtTheTlsLayer() throws Exception {
    css.register("cb-alice");
    CertificateAuthority foreign = CertificateAuthority.createRoot("Foreign Root CA",
        KeyAlgorithm.EC_P256, Clock.systemUTC(), new SecureRandom());
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var cert = foreign.issueCbCertificate(CbId.of("cb-alice"), pair.getPublic(),
        Duration.ofDays(30));
    assertRefusedInTls(curl(RunningCss.write(dir, "foreign", cert, pair)));
  }

  private static void assertRefusedInTls(Curl r) {
    assertNotEquals(0, r.exit(), "curl succeeded: " + r.status() + " " + r.body());
    assertEquals("000", r.status(), "an HTTP answer came back: " + r.body());
    assertEquals("", r.body());
  }
}
