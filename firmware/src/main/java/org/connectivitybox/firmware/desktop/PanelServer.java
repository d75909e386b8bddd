package org.connectivitybox.firmware.desktop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.connectivitybox.hal.display.DisplayListener;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.keypad.Key;
import org.tinylog.Logger;

/**
 * One desktop box's front panel as a local web page: its LCD, updated live, and its keypad,
 * clickable.
 *
 * <pre>
 *   GET  /          the page (self-contained HTML: inline CSS and script, nothing fetched elsewhere)
 *   GET  /lcd       the LCD as JSON: {"columns","rows":[...],"cursor":{...},"backlight","version"}
 *   GET  /status    {"title","status"}: the box's friendly name and the firmware's status line
 *   GET  /events    Server-Sent Events: the current status and LCD first, then one "lcd" event
 *                   per change of the display and one "status" event per {@link #status(String)};
 *                   a ": heartbeat" comment after each quiet heartbeat interval
 *   POST /keys/KEY  presses KEY (0-9 STAR HASH UP DOWN OK BACK SEND) on the keypad: 204;
 *                   404 for an unknown key, 405 for another method
 * </pre>
 *
 * <p>It listens on 127.0.0.1 only, and answers only requests whose {@code Host} is that address
 * or {@code localhost} with its port (so a rebound DNS name cannot reach it), and key presses
 * only from no origin or its own (so another site open in the browser cannot press SEND): 403
 * otherwise.
 *
 * <p>Thread-safe. Requests run on a small pool of daemon threads; each open event stream holds
 * one until its client goes away, which the next event or heartbeat write finds out; at most
 * {@link Builder#maxEventStreams} are open at once (503 beyond), so short requests always have
 * a thread. {@link #close()} ends the streams, stops the server and its threads.
 */
public final class PanelServer implements AutoCloseable {

  private static final String HEARTBEAT = ": heartbeat\n\n";
  private static final int SPARE_THREADS = 4;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final MemoryDisplay display;
  private final DesktopKeypad keypad;
  private final String title;
  private final Duration heartbeat;
  private final int maxEventStreams;
  private final EventStreams streams;
  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final URI url;
  private final Set<String> allowedHosts;
  private final Set<String> allowedOrigins;
  private final DisplayListener listener;
  private final Object statusLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private String status;

  private PanelServer(Builder b) throws IOException {
    this.display = b.display;
    this.keypad = b.keypad;
    this.title = b.title;
    this.heartbeat = b.heartbeat;
    this.maxEventStreams = b.maxEventStreams;
    this.streams = new EventStreams(maxEventStreams);
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
    int port = server.getAddress().getPort();
    String host = server.getAddress().getAddress().getHostAddress();
    this.url = URI.create("http://" + host + ":" + port + "/");
    this.allowedHosts = Set.of(host + ":" + port, "localhost:" + port);
    this.allowedOrigins = Set.of("http://" + host + ":" + port, "http://localhost:" + port);
    int threads = maxEventStreams + SPARE_THREADS;
    this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), daemonThreads("panel-" + SERVERS.incrementAndGet() + "-http-"));
    executor.allowCoreThreadTimeOut(true);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    this.listener = snapshot -> {
      if (streams.size() > 0) {
        streams.publish(PanelJson.lcdEvent(snapshot));
      }
    };
    display.addListener(listener);
    server.start();
    Logger.info("panel of {} at {}", title == null ? "the box" : title, url);
  }

  /** A builder for the panel of {@code display} and {@code keypad}. */
  public static Builder builder(MemoryDisplay display, DesktopKeypad keypad) {
    return new Builder(display, keypad);
  }

  /** The page's address, {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return url;
  }

  /** The box's friendly name shown on the page, or {@code null}. */
  public String title() {
    return title;
  }

  /** The status line shown under the LCD, or {@code null} when empty. */
  public String status() {
    synchronized (statusLock) {
      return status;
    }
  }

  /** Shows {@code text} on the page's status line ({@code null} or empty clears it) at once. */
  public void status(String text) {
    synchronized (statusLock) {
      status = text == null || text.isEmpty() ? null : text;
      streams.publish(PanelJson.statusEvent(title, status));
    }
  }

  /** How many event streams (open pages) there are now. */
  int eventStreams() {
    return streams.size();
  }

  /** Ends the event streams, stops listening and waits for the request threads; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    display.removeListener(listener);
    streams.closeAll();
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
          Logger.warn("panel {}: request threads still running after close", url);
        }
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    try {
      route(exchange);
    } catch (IOException e) {
      Logger.debug("panel {}: {} {} failed: {}", url, exchange.getRequestMethod(),
          exchange.getRequestURI(), e.toString());
    } catch (RuntimeException e) {
      Logger.warn(e, "panel {}: {} {} failed", url, exchange.getRequestMethod(),
          exchange.getRequestURI());
      try {
        text(exchange, 500, "internal error: " + e);
      } catch (IOException | RuntimeException ignored) {
        // the headers may be gone already; closing is all that is left
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !allowedHosts.contains(host)) {
      text(exchange, 403, "this panel answers only at " + url);
      return;
    }
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod();
    switch (path) {
      case "/" -> {
        if (onlyGet(exchange, method)) {
          send(exchange, 200, "text/html; charset=utf-8",
              PanelPage.render(display.snapshot(), title, status()));
        }
      }
      case "/lcd" -> {
        if (onlyGet(exchange, method)) {
          send(exchange, 200, "application/json", PanelJson.lcd(display.snapshot()));
        }
      }
      case "/status" -> {
        if (onlyGet(exchange, method)) {
          send(exchange, 200, "application/json", PanelJson.status(title, status()));
        }
      }
      case "/events" -> {
        if (onlyGet(exchange, method)) {
          events(exchange);
        }
      }
      default -> {
        if (path.startsWith("/keys/")) {
          key(exchange, method, path.substring("/keys/".length()));
        } else {
          text(exchange, 404, "no such page: " + path);
        }
      }
    }
  }

  private void key(HttpExchange exchange, String method, String name) throws IOException {
    Optional<Key> key = PanelKeys.parse(name);
    if (key.isEmpty()) {
      text(exchange, 404, "unknown key '" + name
          + "'; keys are 0-9 STAR HASH UP DOWN OK BACK SEND");
      return;
    }
    if (!method.equals("POST")) {
      exchange.getResponseHeaders().set("Allow", "POST");
      text(exchange, 405, method + " not allowed; press a key with POST");
      return;
    }
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (origin != null && !allowedOrigins.contains(origin)) {
      text(exchange, 403, "key presses from " + origin + " are refused");
      return;
    }
    try {
      keypad.press(key.get());
    } catch (IllegalStateException e) {
      text(exchange, 503, e.getMessage());
      return;
    }
    exchange.sendResponseHeaders(204, -1);
  }

  private void events(HttpExchange exchange) throws IOException {
    EventStreams.Stream stream;
    synchronized (statusLock) {
      // under the status lock, so no status change can slip in before the current status
      stream = streams.open();
      if (stream != null) {
        stream.offer(PanelJson.statusEvent(title, status));
      }
    }
    if (stream == null) {
      text(exchange, 503, "too many open panels (" + maxEventStreams + ")");
      return;
    }
    try {
      // A change made meanwhile may be queued before this snapshot; the page drops the older of
      // the two by its version.
      stream.offer(PanelJson.lcdEvent(display.snapshot()));
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, "retry: 1000\n\n");
      while (!stream.ended()) {
        String event = stream.next(heartbeat);
        if (stream.ended()) {
          break;
        }
        write(out, event == null ? HEARTBEAT : event);
      }
    } catch (IOException e) {
      Logger.debug("panel {}: event stream ended by the client: {}", url, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      streams.remove(stream);
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static boolean onlyGet(HttpExchange exchange, String method) throws IOException {
    if (method.equals("GET")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET");
    text(exchange, 405, method + " not allowed here");
    return false;
  }

  private static void text(HttpExchange exchange, int status, String message) throws IOException {
    send(exchange, status, "text/plain; charset=utf-8", message + "\n");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    if (type.startsWith("text/html")) {
      exchange.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
              + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Settings of a {@link PanelServer}; every one has a default. */
  public static final class Builder {
    private final MemoryDisplay display;
    private final DesktopKeypad keypad;
    private String title;
    private int port;
    private Duration heartbeat = Duration.ofSeconds(15);
    private int maxEventStreams = 8;

    private Builder(MemoryDisplay display, DesktopKeypad keypad) {
      this.display = Objects.requireNonNull(display, "display");
      this.keypad = Objects.requireNonNull(keypad, "keypad");
    }

    /** The box's friendly name shown on the page ("Uncle Jo"); none by default. */
    public Builder title(String title) {
      this.title = title == null || title.isBlank() ? null : title;
      return this;
    }

    /** The TCP port on 127.0.0.1, 1 to 65535; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /** How long an event stream may stay quiet before a heartbeat comment; 15 s by default. */
    public Builder heartbeat(Duration heartbeat) {
      if (heartbeat.isNegative() || heartbeat.isZero()) {
        throw new IllegalArgumentException("heartbeat must be positive, not " + heartbeat);
      }
      this.heartbeat = heartbeat;
      return this;
    }

    /** How many pages may follow the box at once, 1 to 64; 8 by default. */
    public Builder maxEventStreams(int max) {
      if (max < 1 || max > 64) {
        throw new IllegalArgumentException("maxEventStreams must be 1 to 64, not " + max);
      }
      this.maxEventStreams = max;
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException if the port cannot be bound
     */
    public PanelServer start() throws IOException {
      return new PanelServer(this);
    }
  }
}
