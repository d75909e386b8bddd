package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.store.ConnectionRecord;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONNECT, the sequence-number check and DISCONNECT with curl as the foreign client, against the
 * real CSS; the connection row is read from the database after each step.
 *
 * <pre>
 *   curl (cb-alice)                              CSS
 *    |-- POST /v1/connect {numbers, port} ------->|  row CONNECTED, 127.0.0.1, port
 *    |<- 200 GRANTED {mismatched} ----------------|
 *    |-- POST /v1/sequence-numbers {numbers} ---->|  row CONNECTED, last seen
 *    |<- 200 {mismatched} ------------------------|
 *    |-- POST /v1/disconnect {numbers} ---------->|  row CLOSED, no address, no port
 *    |<- 200 DISCONNECTED {mismatched} -----------|
 *    |-- POST /v1/disconnect -------------------->|
 *    |<- 409 NOT_CONNECTED -----------------------|
 * </pre>
 */
class ConnectivityCurlTest {
  static final String JSON = "application/json";
  static final CbId ALICE = CbId.of("cb-alice");

  @TempDir Path dir;
  RunningCss css;
  Path[] alice;

  @BeforeEach
  void start() throws Exception {
    css = new RunningCss();
    css.register("cb-alice");
    alice = css.cbCredential(dir, "cb-alice");
    for (int i = 0; i < 3; i++) {
      css.css.repositories().subscribers().nextSequenceNumber(ALICE, "firmware");
    }
  }

  @AfterEach
  void stop() {
    css.close();
  }

  record Curl(int exit, int status, String body, String stderr) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String errorCode() {
      return json().getAsJsonObject("error").get("code").getAsString();
    }
  }

  Curl post(String path, String contentType, String body) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20",
        "--cert", alice[0].toString(), "--key", alice[1].toString(),
        "--cacert", css.caFile().toString(), "-o", dir.resolve("body").toString(),
        "-w", "%{http_code}"));
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
      Curl c = new Curl(p.exitValue(), Integer.parseInt(status.trim()), out,
          Files.readString(dir.resolve("stderr")));
      assertEquals(0, c.exit(), c.stderr());
      return c;
    } finally {
      p.destroyForcibly();
    }
  }

  Curl post(String path, String body) throws Exception {
    return post(path, JSON, body);
  }

  ConnectionRecord row() {
    return css.css.repositories().connections().find(ALICE).orElseThrow();
  }

  @Test
  void connectIsGrantedWithTheMismatchesAndTheRowFollowsEachState() throws Exception {
    Curl connect = post("/v1/connect",
        "{\"sequenceNumbers\":{\"addressBook\":0,\"firmware\":2},\"dataTransferPort\":4443}");
    assertEquals(200, connect.status(), connect.body());
    assertEquals("{\"result\":\"GRANTED\",\"mismatched\":{\"firmware\":3}}", connect.body());
    ConnectionRecord connected = row();
    assertEquals("CONNECTED", connected.state());
    assertEquals("127.0.0.1", connected.address());
    assertEquals(4443, connected.dataTransferPort());
    assertTrue(connected.connectedAt() != null && connected.disconnectedAt() == null);

    Curl check = post("/v1/sequence-numbers",
        "{\"sequenceNumbers\":{\"firmware\":3,\"configuration\":1}}");
    assertEquals(200, check.status(), check.body());
    assertEquals("{\"mismatched\":{\"configuration\":0}}", check.body());
    ConnectionRecord seen = row();
    assertEquals("CONNECTED", seen.state());
    assertFalse(seen.lastSeenAt().isBefore(connected.lastSeenAt()));

    Curl disconnect = post("/v1/disconnect", "{\"sequenceNumbers\":{\"firmware\":2}}");
    assertEquals(200, disconnect.status(), disconnect.body());
    assertEquals("{\"result\":\"DISCONNECTED\",\"mismatched\":{\"firmware\":3}}",
        disconnect.body());
    ConnectionRecord closed = row();
    assertEquals("CLOSED", closed.state());
    assertNull(closed.address());
    assertNull(closed.dataTransferPort());
    assertTrue(closed.disconnectedAt() != null);

    Curl again = post("/v1/disconnect", "{\"sequenceNumbers\":{}}");
    assertEquals(409, again.status());
    assertEquals("NOT_CONNECTED", again.errorCode());
  }

  @Test
  void theSequenceNumberCheckWithoutAGrantedConnectIsNotConnected() throws Exception {
    Curl r = post("/v1/sequence-numbers", "{\"sequenceNumbers\":{}}");
    assertEquals(409, r.status());
    assertEquals("NOT_CONNECTED", r.errorCode());
    assertTrue(css.css.repositories().connections().find(ALICE).isEmpty());
  }

  @Test
  void aRevokedSubscriberIsRefusedByTheIdentityFilter() throws Exception {
    css.css.repositories().subscribers().setStatus(ALICE, SubscriberStatus.REVOKED);
    Curl r = post("/v1/connect", "{\"sequenceNumbers\":{},\"dataTransferPort\":4443}");
    assertEquals(403, r.status());
    assertEquals("SUBSCRIBER_REVOKED", r.errorCode());
    assertTrue(css.css.repositories().connections().find(ALICE).isEmpty());
  }

  @Test
  void malformedJsonGets400WithTheErrorBodyAndChangesNothing() throws Exception {
    Curl broken = post("/v1/connect", "{\"sequenceNumbers\":");
    assertEquals(400, broken.status());
    assertEquals("MALFORMED_REQUEST", broken.errorCode());
    Curl missing = post("/v1/connect", "{\"sequenceNumbers\":{}}");
    assertEquals(400, missing.status());
    assertEquals("MALFORMED_REQUEST", missing.errorCode());
    assertTrue(missing.json().getAsJsonObject("error").get("message").getAsString()
        .contains("dataTransferPort"), missing.body());
    Curl unknownTask = post("/v1/connect",
        "{\"sequenceNumbers\":{\"weather\":1},\"dataTransferPort\":4443}");
    assertEquals(400, unknownTask.status(), unknownTask.body());
    assertTrue(css.css.repositories().connections().find(ALICE).isEmpty());
  }

  @Test
  void anotherMethodOrMediaTypeIsRefused() throws Exception {
    Curl text = post("/v1/connect", "text/plain",
        "{\"sequenceNumbers\":{},\"dataTransferPort\":4443}");
    assertEquals(415, text.status());
    assertEquals("UNSUPPORTED_MEDIA_TYPE", text.errorCode());
    Curl get = post("/v1/connect", null, null);
    assertEquals(405, get.status());
    assertEquals("METHOD_NOT_ALLOWED", get.errorCode());
  }

  @Test
  void aSecondConnectReplacesTheConnection() throws Exception {
    assertEquals(200, post("/v1/connect",
        "{\"sequenceNumbers\":{},\"dataTransferPort\":4443}").status());
    Curl again = post("/v1/connect", "{\"sequenceNumbers\":{\"firmware\":3},"
        + "\"dataTransferPort\":5555}");
    assertEquals("{\"result\":\"GRANTED\",\"mismatched\":{}}", again.body());
    assertEquals("CONNECTED", row().state());
    assertEquals(5555, row().dataTransferPort());
  }

  @Test
  void disconnectIsNotConfirmedWhileTheBoxIsAnEndOfAnActiveJob() throws Exception {
    css.register("cb-bob");
    var job = css.css.repositories().jobs().create(CbId.of("cb-bob"), ALICE, "ACTIVE");
    assertEquals(200, post("/v1/connect",
        "{\"sequenceNumbers\":{},\"dataTransferPort\":4443}").status());
    Curl r = post("/v1/disconnect", "{\"sequenceNumbers\":{\"firmware\":3}}");
    assertEquals("{\"result\":\"NOT_DISCONNECTED\",\"reason\":\"JOB_IN_PROGRESS\","
        + "\"mismatched\":{}}", r.body());
    assertEquals("CONNECTED", row().state());
    css.css.repositories().jobs().setState(job.jobNumber(), "POSTING");
    assertEquals("DISCONNECTED", post("/v1/disconnect", "{\"sequenceNumbers\":{}}").json()
        .get("result").getAsString());
    assertEquals("CLOSED", row().state());
  }

}
