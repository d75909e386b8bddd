package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's HTTP API and the call log it shows (and appends to a file). */
class ControlApiTest {
  @TempDir
  Path dir;

  private Simulator sim;
  private AtClient a;
  private AtClient b;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    SimConfig base = TestConfigs.with(TestConfigs.fast(),
        List.of(TestConfigs.line("1001"), TestConfigs.line("2002", 9600)), List.of(), 0);
    sim = Simulator.start(new SimConfig(base.exchange(), base.lines(), base.naps(),
        dir.resolve("calls.jsonl"), 0));
    a = new AtClient(sim.port("1001"));
    b = new AtClient(sim.port("2002"));
    a.command("ATE0");
    b.command("ATE0");
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    sim.close();
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + sim.controlPort() + path))
        .timeout(Duration.ofSeconds(5))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listsTheLines() throws Exception {
    HttpResponse<String> r = call("GET", "/lines");
    assertEquals(200, r.statusCode());
    JsonArray lines = JsonParser.parseString(r.body()).getAsJsonArray();
    JsonObject second = lines.get(1).getAsJsonObject();
    assertEquals("2002", second.get("number").getAsString());
    assertEquals("modem", second.get("kind").getAsString());
    assertEquals(9600, second.get("rateBps").getAsInt());
    assertEquals(sim.port("2002"), second.get("port").getAsInt());
    assertEquals(false, second.get("dead").getAsBoolean());
  }

  @Test
  void marksALineDeadAndAliveAgain() throws Exception {
    assertEquals(200, call("POST", "/lines/1001/dead").statusCode());
    assertEquals("\r\nNO DIALTONE\r\n", a.command("ATDT2002"));
    assertTrue(call("GET", "/lines").body().contains("\"dead\":true"));
    assertEquals(200, call("POST", "/lines/1001/alive").statusCode());
    a.send("ATDT2002\r");
    b.await("RING\r\n");
  }

  @Test
  void dropsCarrierAndShowsTheCallLog() throws Exception {
    a.send("ATDT2002\r");
    b.await("RING\r\n");
    b.command("ATA");
    a.await("CONNECT 9600\r\n");
    a.send("0123456789");
    b.awaitBytes(10, AtClient.WAIT);
    HttpResponse<String> r = call("POST", "/lines/1001/drop-carrier");
    assertEquals("{\"number\":\"1001\",\"dropped\":1}\n", r.body());
    a.await("\r\nNO CARRIER\r\n");
    b.await("\r\nNO CARRIER\r\n");

    JsonArray calls = JsonParser.parseString(call("GET", "/calls").body()).getAsJsonArray();
    assertEquals(1, calls.size());
    JsonObject c = calls.get(0).getAsJsonObject();
    assertEquals("1001", c.get("from").getAsString());
    assertEquals("2002", c.get("to").getAsString());
    assertEquals("ANSWERED", c.get("outcome").getAsString());
    assertEquals("CARRIER_LOST", c.get("endCause").getAsString());
    assertEquals(9600, c.get("rateBps").getAsInt());
    assertEquals(10, c.get("bytesFromCaller").getAsLong());
    assertEquals(0, c.get("bytesToCaller").getAsLong());
    assertTrue(c.has("start") && c.has("connectedMillis"));

    List<String> file = Files.readAllLines(dir.resolve("calls.jsonl"));
    assertEquals(1, file.size());
    assertEquals(c, JsonParser.parseString(file.get(0)));
  }

  @Test
  void unknownLinesPathsAndMethodsAreErrors() throws Exception {
    assertEquals(404, call("POST", "/lines/9999/dead").statusCode());
    assertEquals(404, call("GET", "/nothing").statusCode());
    assertEquals(405, call("GET", "/lines/1001/dead").statusCode());
    assertEquals(405, call("POST", "/calls").statusCode());
  }
}
