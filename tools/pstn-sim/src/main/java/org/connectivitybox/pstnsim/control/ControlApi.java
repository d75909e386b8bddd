package org.connectivitybox.pstnsim.control;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.exchange.CallLog;
import org.connectivitybox.pstnsim.exchange.CallRecord;
import org.connectivitybox.pstnsim.modem.ModemPort;
import org.connectivitybox.pstnsim.nap.Nap;
import org.tinylog.Logger;

/**
 * The operator's HTTP API on 127.0.0.1 (JDK HttpServer), JSON answers:
 * <pre>
 *   GET  /lines                        every line: number, kind, port, rate, dead, state
 *   GET  /calls                        the call log, oldest first
 *   POST /lines/{number}/drop-carrier  drops carrier on the line's calls: {"dropped": n}
 *   POST /lines/{number}/dead          marks the line dead (its calls lose carrier)
 *   POST /lines/{number}/alive         marks it alive again
 * </pre>
 * An unknown line is 404, a wrong method 405, anything else unknown 404; errors are
 * {@code {"error": "..."}}. {@link #close} stops the server at once.
 */
public final class ControlApi implements AutoCloseable {
  private static final Pattern LINE_ACTION = Pattern.compile("/lines/([^/]+)/(drop-carrier|dead|alive)");

  private final Simulator sim;
  private final HttpServer server;
  private final ExecutorService executor;

  /** @throws IOException if the port cannot be bound */
  public ControlApi(Simulator sim, int port) throws IOException {
    this.sim = sim;
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "control API");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      if (path.equals("/lines") || path.equals("/calls")) {
        if (!method.equals("GET")) {
          error(ex, 405, "use GET");
        } else {
          reply(ex, 200, path.equals("/lines") ? lines() : calls());
        }
        return;
      }
      Matcher m = LINE_ACTION.matcher(path);
      if (!m.matches()) {
        error(ex, 404, "no such resource: " + path);
        return;
      }
      if (!method.equals("POST")) {
        error(ex, 405, "use POST");
        return;
      }
      String number = m.group(1);
      if (sim.exchange().line(number).isEmpty()) {
        error(ex, 404, "no line " + number);
        return;
      }
      JsonObject o = new JsonObject();
      o.addProperty("number", number);
      switch (m.group(2)) {
        case "drop-carrier" -> o.addProperty("dropped", sim.exchange().dropCarrier(number));
        case "dead" -> {
          sim.exchange().setDead(number, true);
          o.addProperty("dead", true);
        }
        default -> {
          sim.exchange().setDead(number, false);
          o.addProperty("dead", false);
        }
      }
      Logger.info("control: {} {}", method, path);
      reply(ex, 200, o);
    } catch (RuntimeException e) {
      Logger.error(e, "control API");
      error(ex, 500, "internal error");
    }
  }

  private JsonArray lines() {
    JsonArray a = new JsonArray();
    for (String number : sim.exchange().numbers()) {
      JsonObject o = new JsonObject();
      o.addProperty("number", number);
      ModemPort p = sim.ports().get(number);
      var terminal = sim.exchange().line(number).orElseThrow();
      o.addProperty("kind", p != null ? "modem" : "nap");
      o.addProperty("rateBps", terminal.rateBps());
      o.addProperty("dead", sim.exchange().isDead(number));
      if (p != null) {
        o.addProperty("port", p.port());
        o.addProperty("state", p.modem().state().name());
        o.addProperty("attached", p.modem().attached());
      }
      if (terminal instanceof Nap nap) {
        o.addProperty("name", nap.settings().name());
        o.addProperty("calls", nap.callsInProgress());
        o.addProperty("leasedAddresses", nap.leasedAddresses());
      }
      long calls = sim.exchange().activeCalls().stream()
          .filter(c -> c.caller() == terminal || c.callee() == terminal).count();
      o.addProperty("activeCalls", calls);
      a.add(o);
    }
    return a;
  }

  private JsonArray calls() {
    JsonArray a = new JsonArray();
    for (CallRecord r : sim.exchange().callLog().records()) {
      a.add(CallLog.toJson(r));
    }
    return a;
  }

  private static void error(HttpExchange ex, int status, String message) throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("error", message);
    reply(ex, status, o);
  }

  private static void reply(HttpExchange ex, int status, JsonElement body) throws IOException {
    byte[] bytes = (body.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      executor.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
