package org.connectivitybox.loadgen;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.connectivitybox.protocols.tls.CbId;
import org.tinylog.Logger;

/**
 * The simulated telephone network's side of the CSS's wakeup webhook: the CSS POSTs {@code
 * {"cbId": ..., "telephoneNumber": ..., "jobNumber": n}} for each wakeup call, and this server
 * answers 204 ("call placed") and tells the linkup that waits for that box.
 *
 * <p>A linkup {@link #expect expects} the wakeup of its receiver before its sender's SEND; the
 * wakeup completes the returned future only after the 204 has been written, so the woken box's
 * CONNECT never overtakes the CSS's own bookkeeping of the call. A wakeup nobody expects is
 * answered 404 and counted ({@link #unexpected()}); a malformed one 400.
 */
final class WakeupWebhook implements AutoCloseable {

  /** One wakeup call as the CSS asked for it. */
  record Wakeup(CbId cbId, String telephoneNumber, long jobNumber) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<CbId, CompletableFuture<Wakeup>> expected = new ConcurrentHashMap<>();
  private final AtomicLong unexpected = new AtomicLong();

  private WakeupWebhook(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /** Starts the webhook server on {@code listen} (port 0: any free port). */
  static WakeupWebhook start(InetSocketAddress listen) throws IOException {
    HttpServer server = HttpServer.create(listen, 64);
    ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "wakeup-webhook");
      t.setDaemon(true);
      return t;
    });
    WakeupWebhook hook = new WakeupWebhook(server, threads);
    server.createContext("/", hook::handle);
    server.setExecutor(threads);
    server.start();
    return hook;
  }

  /** The URL to give the CSS as {@code --wakeup-webhook}. */
  URI url() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/wakeup");
  }

  /**
   * The wakeup of {@code box}, when the CSS asks for it.
   *
   * @throws IllegalStateException if a wakeup of that box is already expected
   */
  CompletableFuture<Wakeup> expect(CbId box) {
    CompletableFuture<Wakeup> f = new CompletableFuture<>();
    if (expected.putIfAbsent(box, f) != null) {
      throw new IllegalStateException("a wakeup of " + box + " is already expected");
    }
    return f;
  }

  /** No longer expects a wakeup of {@code box} (the SEND was answered without one). */
  void forget(CbId box) {
    CompletableFuture<Wakeup> f = expected.remove(box);
    if (f != null) {
      f.cancel(false);
    }
  }

  /** Wakeups that arrived for no box that expected one. */
  long unexpected() {
    return unexpected.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      Wakeup w;
      try (InputStream in = exchange.getRequestBody()) {
        w = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        Logger.warn("wakeup webhook: malformed request: {}", e.getMessage());
        exchange.sendResponseHeaders(400, -1);
        return;
      }
      CompletableFuture<Wakeup> waiting = expected.remove(w.cbId());
      if (waiting == null) {
        unexpected.incrementAndGet();
        Logger.warn("wakeup webhook: a wakeup of {} (job {}) that no linkup expects", w.cbId(),
            w.jobNumber());
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      waiting.complete(w);
    }
  }

  /** The webhook's JSON body; throws a RuntimeException naming what is wrong. */
  static Wakeup parse(String body) {
    JsonElement tree = JsonParser.parseString(body);
    if (!tree.isJsonObject()) {
      throw new IllegalArgumentException("the body is not a JSON object");
    }
    JsonObject o = tree.getAsJsonObject();
    for (String field : new String[] {"cbId", "telephoneNumber", "jobNumber"}) {
      if (!o.has(field) || !o.get(field).isJsonPrimitive()) {
        throw new IllegalArgumentException("field '" + field + "' is missing");
      }
    }
    return new Wakeup(CbId.of(o.get("cbId").getAsString()),
        o.get("telephoneNumber").getAsString(), o.get("jobNumber").getAsLong());
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    expected.values().forEach(f -> f.cancel(false));
  }
}
