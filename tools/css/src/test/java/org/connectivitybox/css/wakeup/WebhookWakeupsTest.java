package org.connectivitybox.css.wakeup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook call-back signalling server against a real HTTP server on loopback. */
class WebhookWakeupsTest {
  HttpServer gateway;
  volatile int status = 204;
  final CompletableFuture<String> received = new CompletableFuture<>();
  final CompletableFuture<String> contentType = new CompletableFuture<>();

  @BeforeEach
  void start() throws Exception {
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gateway.createContext("/wakeup", x -> {
      contentType.complete(x.getRequestHeaders().getFirst("Content-Type"));
      received.complete(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      x.sendResponseHeaders(status, -1);
      x.close();
    });
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/wakeup");
  }

  WakeupResult wake(CallbackSignallingServer cbss) throws Exception {
    CompletableFuture<WakeupResult> done = new CompletableFuture<>();
    cbss.wakeUp(new WakeupCall(CbId.of("cb-jo"), new TelephoneNumber("5550102"), 42),
        done::complete);
    return done.get(20, TimeUnit.SECONDS);
  }

  @Test
  void aWakeupIsPostedAsJsonAndA2xxMeansPlaced() throws Exception {
    WakeupResult r = wake(new WebhookWakeups(url()));
    assertTrue(r.placed(), r.toString());
    JsonObject body = JsonParser.parseString(received.get(5, TimeUnit.SECONDS)).getAsJsonObject();
    assertEquals("cb-jo", body.get("cbId").getAsString());
    assertEquals("5550102", body.get("telephoneNumber").getAsString());
    assertEquals(42, body.get("jobNumber").getAsLong());
    assertEquals("application/json; charset=utf-8", contentType.get(5, TimeUnit.SECONDS));
  }

  @Test
  void anyOtherStatusOrNoGatewayMeansFailed() throws Exception {
    status = 503;
    WakeupResult r = wake(new WebhookWakeups(url()));
    assertFalse(r.placed());
    assertTrue(r.detail().contains("503"), r.detail());
    gateway.stop(0);
    WakeupResult gone = wake(new WebhookWakeups(url()));
    assertFalse(gone.placed());
    assertTrue(gone.detail().contains("unreachable"), gone.detail());
  }

  @Test
  void onlyHttpUrlsAreAccepted() {
    assertThrows(IllegalArgumentException.class,
        () -> new WebhookWakeups(URI.create("ftp://127.0.0.1/x")));
    assertThrows(IllegalArgumentException.class,
        () -> new WakeupSettings(java.util.List.of("tcp:127.0.0.1:1"), url(), "generic", 2,
            java.time.Duration.ofSeconds(6)));
  }

  @Test
  void withoutALineOrGatewayEveryWakeupFails() throws Exception {
    assertFalse(wake(WakeupSettings.NONE.create()).placed());
  }
}
