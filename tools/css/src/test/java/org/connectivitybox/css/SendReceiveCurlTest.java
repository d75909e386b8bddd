package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEND, VERIFY and METERING with curl as the foreign client against the real CSS: the answers
 * on the wire, the typed refusals and the error codes.
 *
 * <pre>
 *   curl (cb-alice)                                CSS                     curl (cb-bob, "bob")
 *    |-- POST /v1/send (not connected) ---------->|  409 NOT_CONNECTED
 *    |-- CONNECT; POST /v1/send {"bob"} -------->|  200 REFUSED WAKEUP_FAILED (bob off line)
 *    |                                            |<--------------- CONNECT {port 4444} --|
 *    |-- POST /v1/send {"bob"} ----------------->|  200 ACCEPTED {n, 127.0.0.1:4444}
 *    |                                            |<--- POST /v1/verify {n, 127.0.0.1} ---|
 *    |-- POST /v1/metering INTERIM ------------->|  204
 *    |-- POST /v1/metering FINAL, twice -------->|  204, then 409 WRONG_STATE
 * </pre>
 */
class SendReceiveCurlTest {
  static final String JSON = "application/json";

  @TempDir Path dir;
  RunningCss css;
  Path[] alice;
  Path[] bob;

  @BeforeEach
  void start() throws Exception {
    css = new RunningCss();
    css.register("cb-alice");
    css.css.repositories().subscribers().create(SubscriberRecord.newSubscriber(
        CbId.of("cb-bob"), "bob", new TelephoneNumber("5550102"), ZoneId.of("UTC")));
    alice = css.cbCredential(dir, "cb-alice");
    bob = css.cbCredential(dir, "cb-bob");
  }

  @AfterEach
  void stop() {
    css.close();
  }

  record Curl(int status, String body) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String errorCode() {
      return json().getAsJsonObject("error").get("code").getAsString();
    }
  }

  Curl post(Path[] who, String method, String path, String contentType, String body)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20",
        "--cert", who[0].toString(), "--key", who[1].toString(),
        "--cacert", css.caFile().toString(), "-o", dir.resolve("body").toString(),
        "-w", "%{http_code}", "-X", method));
    if (contentType != null) {
      cmd.addAll(List.of("-H", "Content-Type: " + contentType));
    }
    if (body != null) {
      cmd.addAll(List.of("--data-binary", body));
    }
    cmd.add("https://127.0.0.1:" + css.css.operationalPort() + path);
    Files.deleteIfExists(dir.resolve("body"));
    Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr").toFile()).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "curl did not finish");
      String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String out = Files.exists(dir.resolve("body")) ? Files.readString(dir.resolve("body")) : "";
      assertEquals(0, p.exitValue(), Files.readString(dir.resolve("stderr")));
      return new Curl(Integer.parseInt(status.trim()), out);
    } finally {
      p.destroyForcibly();
    }
  }

  Curl post(Path[] who, String path, String body) throws Exception {
    return post(who, "POST", path, JSON, body);
  }

  void connect(Path[] who, int port) throws Exception {
    Curl c = post(who, "/v1/connect",
        "{\"sequenceNumbers\":{},\"dataTransferPort\":" + port + "}");
    assertEquals(200, c.status(), c.body());
  }

  @Test
  void sendIsRefusedTypedUntilTheReceiverIsOnLineThenAccepted() throws Exception {
    Curl notConnected = post(alice, "/v1/send", "{\"receiver\":\"bob\"}");
    assertEquals(409, notConnected.status(), notConnected.body());
    assertEquals("NOT_CONNECTED", notConnected.errorCode());

    connect(alice, 4443);
    assertEquals("{\"result\":\"REFUSED\",\"reason\":\"UNKNOWN_RECEIVER\"}",
        post(alice, "/v1/send", "{\"receiver\":\"nobody\"}").body());
    assertEquals("{\"result\":\"REFUSED\",\"reason\":\"WAKEUP_FAILED\"}",
        post(alice, "/v1/send", "{\"receiver\":\"bob\"}").body());

    connect(bob, 4444);
    Curl accepted = post(alice, "/v1/send", "{\"receiver\":\"bob\"}");
    assertEquals(200, accepted.status(), accepted.body());
    JsonObject a = accepted.json();
    assertEquals("ACCEPTED", a.get("result").getAsString());
    long job = a.get("jobNumber").getAsLong();
    assertEquals("{\"ip\":\"127.0.0.1\",\"port\":4444}", a.get("receiverAddress").toString());

    assertEquals("{\"result\":\"CONFIRMED\"}", post(bob, "/v1/verify",
        "{\"jobNumber\":" + job + ",\"senderAddress\":\"127.0.0.1\"}").body());
    assertEquals("{\"result\":\"REFUSED\",\"reason\":\"NOT_THE_RECEIVER\"}", post(alice,
        "/v1/verify", "{\"jobNumber\":" + job + ",\"senderAddress\":\"127.0.0.1\"}").body());
    assertEquals("{\"result\":\"REFUSED\",\"reason\":\"WRONG_SENDER\"}", post(bob,
        "/v1/verify", "{\"jobNumber\":" + job + ",\"senderAddress\":\"127.0.0.9\"}").body());
  }

  @Test
  void malformedRequestsMethodAndMediaTypeAreRejectedWithTheirCodes() throws Exception {
    connect(alice, 4443);
    for (String[] bad : new String[][] {
        {"/v1/send", "{\"receiver\":"},
        {"/v1/send", "{}"},
        {"/v1/send", "{\"receiver\":\"Bob!\"}"},
        {"/v1/verify", "{\"jobNumber\":1,\"senderAddress\":\"not-an-ip\"}"},
        {"/v1/metering", "{\"jobNumber\":1,\"kind\":\"INTERIM\",\"bytes\":1,\"pages\":0,"
            + "\"successful\":true}"},
        {"/v1/metering", "{\"jobNumber\":1,\"kind\":\"FINAL\",\"bytes\":1,\"pages\":0}"},
        {"/v1/metering", "{\"jobNumber\":1,\"kind\":\"INTERIM\",\"bytes\":-1,\"pages\":0}"}}) {
      Curl c = post(alice, bad[0], bad[1]);
      assertEquals(400, c.status(), bad[1] + " -> " + c.body());
      assertEquals("MALFORMED_REQUEST", c.errorCode());
    }
    Curl get = post(alice, "GET", "/v1/send", null, null);
    assertEquals(405, get.status(), get.body());
    assertEquals("METHOD_NOT_ALLOWED", get.errorCode());
    Curl text = post(alice, "POST", "/v1/verify", "text/plain", "{}");
    assertEquals(415, text.status(), text.body());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", text.errorCode());
  }

  @Test
  void meteringIsNoContentAndRefusesUnknownJobsAndASecondFinal() throws Exception {
    connect(alice, 4443);
    connect(bob, 4444);
    long job = post(alice, "/v1/send", "{\"receiver\":\"bob\"}").json()
        .get("jobNumber").getAsLong();

    Curl unknown = post(alice, "/v1/metering",
        "{\"jobNumber\":" + (job + 7) + ",\"kind\":\"INTERIM\",\"bytes\":0,\"pages\":0}");
    assertEquals(404, unknown.status(), unknown.body());
    assertEquals("UNKNOWN_JOB", unknown.errorCode());

    Curl interim = post(alice, "/v1/metering",
        "{\"jobNumber\":" + job + ",\"kind\":\"INTERIM\",\"bytes\":100,\"pages\":0}");
    assertEquals(204, interim.status(), interim.body());
    assertEquals("", interim.body());

    String fin = "{\"jobNumber\":" + job + ",\"kind\":\"FINAL\",\"bytes\":200,\"pages\":1,"
        + "\"successful\":true}";
    assertEquals(204, post(alice, "/v1/metering", fin).status());
    Curl again = post(alice, "/v1/metering", fin);
    assertEquals(409, again.status(), again.body());
    assertEquals("WRONG_STATE", again.errorCode());

    assertEquals(204, post(bob, "/v1/metering", fin).status());
    assertEquals(1, css.css.repositories().billing().latest(10).size());
    Curl closed = post(bob, "/v1/metering", fin);
    assertEquals(404, closed.status(), closed.body());
    assertEquals("UNKNOWN_JOB", closed.errorCode());
  }
}
