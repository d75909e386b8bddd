package org.connectivitybox.firmware.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.keypad.KeypadListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The panel's HTTP interface, driven by the JDK's HttpClient and, where bytes matter, a socket. */
class PanelServerTest {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final MemoryDisplay display = new MemoryDisplay(DisplayGeometry.LCD_16X2);
  private final DesktopKeypad keypad = new DesktopKeypad();
  private final List<String> keyEvents = new CopyOnWriteArrayList<>();
  private PanelServer panel;

  PanelServerTest() {
    keypad.addListener(new KeypadListener() {
      @Override
      public void keyPressed(Key key) {
        keyEvents.add("pressed " + key);
      }

      @Override
      public void keyReleased(Key key) {
        keyEvents.add("released " + key);
      }
    });
  }

  @AfterEach
  void closePanel() {
    if (panel != null) {
      panel.close();
    }
  }

  @Test
  void lcdDocumentReflectsWhatWasWrittenToTheDisplay() throws Exception {
    panel = PanelServer.builder(display, keypad).start();
    display.writeLine(0, "Sent \u2713");
    display.writeLine(1, "Failed: BUSY \u2717");
    display.showCursor(1, 3);
    display.setBacklight(false);

    HttpResponse<String> response = get("lcd");

    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    JsonObject lcd = JsonParser.parseString(response.body()).getAsJsonObject();
    assertEquals(16, lcd.get("columns").getAsInt());
    assertEquals(2, lcd.getAsJsonArray("rows").size());
    assertEquals("Sent \u2713          ", lcd.getAsJsonArray("rows").get(0).getAsString());
    assertEquals("Failed: BUSY \u2717  ", lcd.getAsJsonArray("rows").get(1).getAsString());
    JsonObject cursor = lcd.getAsJsonObject("cursor");
    assertTrue(cursor.get("visible").getAsBoolean());
    assertEquals(1, cursor.get("row").getAsInt());
    assertEquals(3, cursor.get("column").getAsInt());
    assertFalse(lcd.get("backlight").getAsBoolean());
    assertEquals(display.snapshot().version(), lcd.get("version").getAsLong());
  }

  @Test
  void aFourByTwentyDisplayIsServedWithItsOwnGeometry() throws Exception {
    MemoryDisplay big = new MemoryDisplay(DisplayGeometry.LCD_20X4);
    panel = PanelServer.builder(big, keypad).start();
    big.writeLine(3, "Sending page 2/3 45% and more");

    JsonObject lcd = JsonParser.parseString(get("lcd").body()).getAsJsonObject();

    assertEquals(20, lcd.get("columns").getAsInt());
    assertEquals(4, lcd.getAsJsonArray("rows").size());
    assertEquals("Sending page 2/3 45%", lcd.getAsJsonArray("rows").get(3).getAsString());
  }

  @Test
  void eventStreamStartsWithTheCurrentStateThenSendsAnEventPerChange() throws Exception {
    panel = PanelServer.builder(display, keypad).title("Uncle Jo").start();
    display.writeLine(0, "Uncle Jo");
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    HttpResponse<InputStream> response = http.send(
        HttpRequest.newBuilder(panel.url().resolve("events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream; charset=utf-8",
        response.headers().firstValue("Content-Type").orElseThrow());
    Thread reader = readEvents(response.body(), events);
    try {
      assertEquals("status {\"title\":\"Uncle Jo\",\"status\":null}", next(events));
      String first = next(events);
      assertTrue(first.startsWith("lcd "), first);
      assertEquals("Uncle Jo        ", lcdRows(first).get(0));

      display.writeLine(1, "Dialling\u2026");
      String change = next(events);
      assertEquals("Dialling\u2026       ", lcdRows(change).get(1));
      assertEquals(display.snapshot().version(), lcdVersion(change));

      display.writeLine(1, "Waiting");
      display.writeLine(1, "Sent \u2713");
      assertEquals("Waiting         ", lcdRows(next(events)).get(1));
      assertEquals(pad16("Sent \u2713"), lcdRows(next(events)).get(1));

      panel.status("Line busy, retry in 60 s");
      assertEquals("status {\"title\":\"Uncle Jo\",\"status\":\"Line busy, retry in 60 s\"}",
          next(events));
    } finally {
      panel.close();
      reader.join(5_000);
    }
    assertFalse(reader.isAlive(), "the event stream did not end when the panel closed");
  }

  @Test
  void statusDocumentCarriesTitleAndStatusLine() throws Exception {
    panel = PanelServer.builder(display, keypad).title("Uncle Jo").start();
    panel.status("Ready");

    JsonObject status = JsonParser.parseString(get("status").body()).getAsJsonObject();

    assertEquals("Uncle Jo", status.get("title").getAsString());
    assertEquals("Ready", status.get("status").getAsString());
    panel.status("");
    assertTrue(JsonParser.parseString(get("status").body()).getAsJsonObject()
        .get("status").isJsonNull());
  }

  @Test
  void postingAKeyPressesItOnTheKeypad() throws Exception {
    panel = PanelServer.builder(display, keypad).start();

    assertEquals(204, post("keys/OK").statusCode());
    assertEquals(204, post("keys/7").statusCode());
    assertEquals(204, post("keys/STAR").statusCode());
    assertEquals(204, post("keys/SEND").statusCode());
    assertEquals(204, post("keys/DIGIT_0").statusCode());

    assertEquals(List.of("pressed OK", "released OK", "pressed DIGIT_7", "released DIGIT_7",
        "pressed STAR", "released STAR", "pressed SEND", "released SEND",
        "pressed DIGIT_0", "released DIGIT_0"), keyEvents);
  }

  @Test
  void anUnknownKeyIsNotFoundAndOtherMethodsAreNotAllowed() throws Exception {
    panel = PanelServer.builder(display, keypad).start();

    assertEquals(404, post("keys/ENTER").statusCode());
    assertEquals(404, post("keys/ok").statusCode());
    assertEquals(404, post("keys/").statusCode());
    HttpResponse<String> getKey = get("keys/OK");
    assertEquals(405, getKey.statusCode());
    assertEquals("POST", getKey.headers().firstValue("Allow").orElseThrow());
    assertEquals(405, send(HttpRequest.newBuilder(panel.url().resolve("keys/OK"))
        .PUT(HttpRequest.BodyPublishers.noBody())).statusCode());
    assertEquals(405, post("lcd").statusCode());
    assertEquals(405, send(HttpRequest.newBuilder(panel.url()).DELETE()).statusCode());
    assertEquals(404, get("favicon.ico").statusCode());
    assertEquals(List.of(), keyEvents);
  }

  @Test
  void keyPressesFromAnotherSiteAreRefused() throws Exception {
    panel = PanelServer.builder(display, keypad).start();

    HttpResponse<String> foreign = send(HttpRequest.newBuilder(panel.url().resolve("keys/SEND"))
        .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> own = send(HttpRequest.newBuilder(panel.url().resolve("keys/SEND"))
        .header("Origin", panel.url().toString().replaceAll("/$", ""))
        .POST(HttpRequest.BodyPublishers.noBody()));

    assertEquals(403, foreign.statusCode());
    assertEquals(204, own.statusCode());
    assertEquals(List.of("pressed SEND", "released SEND"), keyEvents);
  }

  @Test
  void requestsForAnotherHostNameAreRefused() throws Exception {
    panel = PanelServer.builder(display, keypad).start();

    assertEquals("HTTP/1.1 403", rawStatus("GET /lcd HTTP/1.1\r\nHost: rebound.example:"
        + panel.url().getPort() + "\r\nConnection: close\r\n\r\n"));
    assertEquals("HTTP/1.1 200", rawStatus("GET /lcd HTTP/1.1\r\nHost: localhost:"
        + panel.url().getPort() + "\r\nConnection: close\r\n\r\n"));
  }

  @Test
  void pageIsSelfContainedAndShowsTheBox() throws Exception {
    panel = PanelServer.builder(display, keypad).title("<Uncle Jo & co>").start();
    display.writeLine(0, "Sent \u2713");

    HttpResponse<String> page = get("");

    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8",
        page.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow()
        .startsWith("default-src 'none'"));
    String html = page.body();
    for (String key : List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "STAR", "HASH",
        "UP", "DOWN", "OK", "BACK", "SEND")) {
      assertTrue(html.contains("id=\"key-" + key + "\""), key);
      assertTrue(PanelKeys.parse(key).isPresent(), key);
    }
    assertTrue(html.contains("<title>&lt;Uncle Jo &amp; co&gt; \u2014 Connectivity Box</title>"));
    assertFalse(html.contains("<Uncle Jo"), "the title must be escaped");
    assertTrue(html.contains("Sent \u2713"), "the initial state is in the page");
    assertFalse(html.matches("(?s).*(src|href)\\s*=.*"), "the page loads nothing");
    assertFalse(html.contains("http://") || html.contains("https://"), "no other site");
  }

  @Test
  void aTitleOrStatusThatSpellsAPlaceholderStaysText() throws Exception {
    panel = PanelServer.builder(display, keypad).title("{{STATE}}").start();
    panel.status("{{PAGE_TITLE}} </script>");

    String html = get("").body();

    assertTrue(html.contains("<title>{{STATE}} \u2014 Connectivity Box</title>"), html);
    assertTrue(html.contains("\"status\":\"{{PAGE_TITLE}} \\u003c/script\\u003e\""), html);
    assertEquals(2, html.split("</script>", -1).length - 1, "only the page's own two scripts end");
  }

  @Test
  void heartbeatsKeepAQuietStreamAliveAndAClientThatLeftIsDropped() throws Exception {
    panel = PanelServer.builder(display, keypad).heartbeat(Duration.ofMillis(50)).start();

    try (Socket socket = openEventStream()) {
      readUntil(socket.getInputStream(), ": heartbeat");
      readUntil(socket.getInputStream(), ": heartbeat");
      assertEquals(1, panel.eventStreams());
    }

    awaitTrue(() -> panel.eventStreams() == 0, "the stream of a client that left was dropped");
  }

  @Test
  void streamsBeyondTheLimitAreRefused() throws Exception {
    panel = PanelServer.builder(display, keypad).maxEventStreams(1).start();

    try (Socket socket = openEventStream()) {
      readUntil(socket.getInputStream(), "event: lcd");
      assertEquals(503, get("events").statusCode());
    }
  }

  @Test
  void closeEndsOpenStreamsAndStopsEveryThread() throws Exception {
    panel = PanelServer.builder(display, keypad).start();
    Socket socket = openEventStream();
    try (socket) {
      InputStream in = socket.getInputStream();
      readUntil(in, "event: lcd");

      panel.close();

      while (in.read() >= 0) {
        // the rest of the stream, up to its end
      }
    }
    assertEquals(List.of(), panelThreads());
    assertTrue(rawStatusFails(), "the port still answers after close");
  }

  // --- helpers ---

  private static String pad16(String text) {
    return String.format("%-16s", text);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(panel.url().resolve(path)).GET());
  }

  private HttpResponse<String> post(String path) throws Exception {
    return send(HttpRequest.newBuilder(panel.url().resolve(path))
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** Reads "event: X" / "data: Y" blocks into "X Y" strings until the stream ends. */
  private static Thread readEvents(InputStream body, BlockingQueue<String> events) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String event = null;
        for (String line; (line = lines.readLine()) != null; ) {
          if (line.startsWith("event: ")) {
            event = line.substring("event: ".length());
          } else if (line.startsWith("data: ") && event != null) {
            events.add(event + " " + line.substring("data: ".length()));
            event = null;
          }
        }
      } catch (IOException e) {
        // the panel closed the stream
      }
    }, "test-event-reader");
    reader.start();
    return reader;
  }

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String event = events.poll(5, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event within 5 s");
    }
    return event;
  }

  private static List<String> lcdRows(String event) {
    JsonObject lcd = JsonParser.parseString(event.substring("lcd ".length())).getAsJsonObject();
    List<String> rows = new ArrayList<>();
    lcd.getAsJsonArray("rows").forEach(row -> rows.add(row.getAsString()));
    return rows;
  }

  private static long lcdVersion(String event) {
    return JsonParser.parseString(event.substring("lcd ".length())).getAsJsonObject()
        .get("version").getAsLong();
  }

  private Socket openEventStream() throws IOException {
    Socket socket = new Socket(panel.url().getHost(), panel.url().getPort());
    socket.setSoTimeout(5_000);
    OutputStream out = socket.getOutputStream();
    out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:" + panel.url().getPort() + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private String rawStatus(String request) throws IOException {
    try (Socket socket = new Socket(panel.url().getHost(), panel.url().getPort())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String head = readUntil(socket.getInputStream(), "\r\n");
      return head.substring(0, "HTTP/1.1 200".length());
    }
  }

  private boolean rawStatusFails() {
    try {
      rawStatus("GET /lcd HTTP/1.1\r\nHost: 127.0.0.1:" + panel.url().getPort() + "\r\n\r\n");
      return false;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** Reads until {@code marker} has been seen; what was read up to and including it. */
  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    while (seen.indexOf(marker) < 0) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("stream ended before \"" + marker + "\": " + seen);
      }
      seen.append((char) b);
    }
    return seen.toString();
  }

  private static List<String> panelThreads() throws InterruptedException {
    List<String> names = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    do {
      names.clear();
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (t.isAlive() && t.getName().startsWith("panel-")) {
          names.add(t.getName());
        }
      }
      if (names.isEmpty()) {
        break;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    return names;
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 5 s: " + what);
      }
      Thread.sleep(10);
    }
  }
}
