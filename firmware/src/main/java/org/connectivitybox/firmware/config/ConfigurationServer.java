package org.connectivitybox.firmware.config;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.tls.TlsContext;
import org.tinylog.Logger;

/**
 * The box's configuration endpoint of Phase II: HTTPS on the leased address, one request per
 * connection, exactly {@code PUT /v1/configuration} (docs/configuration.md, steps 2 and 6).
 *
 * <p>The TLS context decides who may connect (the CSS's server certificate under the box's Root
 * CA; any other peer fails in the handshake and no byte of HTTP is read). The request is parsed
 * strictly: HTTP/1.1, a {@code Content-Length} (411 without one, 413 above {@link #MAX_BODY}),
 * {@code Content-Type: application/json} (415 otherwise); another path is 404, another method on
 * the path 405 with {@code Allow: PUT}. Every answer closes the connection.
 *
 * <p>{@link #serve} runs on the caller's thread until the handler accepts a body, the deadline
 * passes or {@link #close()} is called (from any thread).
 */
public final class ConfigurationServer implements AutoCloseable {
  /** The one path served. */
  public static final String PATH = "/v1/configuration";
  /** The largest body accepted (parameters 191 with a certificate chain is about 3 KiB). */
  public static final int MAX_BODY = 64 * 1024;
  private static final int MAX_HEAD = 8 * 1024;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  /** What the handler makes of a body: the answer, and whether serving is over. */
  public record Reply(int status, String code, String message, boolean done) {
    public static Reply noContent() {
      return new Reply(204, null, null, true);
    }

    public static Reply error(int status, String code, String message) {
      return new Reply(status, code, message, false);
    }
  }

  /** Decides on one PUT body; must not throw. */
  @FunctionalInterface
  public interface Handler {
    Reply put(byte[] body);
  }

  private final SSLServerSocket server;
  private volatile boolean closed;

  private ConfigurationServer(SSLServerSocket server) {
    this.server = server;
  }

  /**
   * Listens on {@code address:port} (port 0: a free one).
   *
   * @throws IOException if the address cannot be bound
   */
  public static ConfigurationServer bind(TlsContext tls, InetAddress address, int port)
      throws IOException {
    return new ConfigurationServer(Objects.requireNonNull(tls, "tls")
        .newServerSocket(address, port, 4));
  }

  /** The port it listens on. */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * Serves until the handler answers with {@link Reply#done()} or {@code limit} has passed.
   *
   * @return true if a body was accepted; false on timeout or close
   */
  public boolean serve(Handler handler, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      try {
        server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left)));
        try (SSLSocket s = (SSLSocket) server.accept()) {
          if (exchange(s, handler, deadline)) {
            return true;
          }
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        if (closed || server.isClosed()) {
          return false;
        }
        // A peer refused in the handshake, or one that went away: wait for the next.
        Logger.info("configuration endpoint: connection failed: {}", e.getMessage());
      }
    }
    return false;
  }

  private boolean exchange(SSLSocket s, Handler handler, long deadline) throws IOException {
    // A peer that stalls may hold the endpoint until the deadline, not beyond.
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    s.setSoTimeout((int) Math.min(READ_TIMEOUT_MILLIS, left));
    s.startHandshake();
    InputStream in = new BufferedInputStream(s.getInputStream());
    OutputStream out = s.getOutputStream();
    String head = readHead(in);
    if (head == null) {
      reply(out, Reply.error(400, "BAD_REQUEST", "malformed request head"));
      return false;
    }
    String[] lines = head.split("\r\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3 || !requestLine[2].equals("HTTP/1.1")) {
      reply(out, Reply.error(400, "BAD_REQUEST", "malformed request line"));
      return false;
    }
    Map<String, String> headers = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        reply(out, Reply.error(400, "BAD_REQUEST", "malformed header line"));
        return false;
      }
      String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
      if (headers.put(name, lines[i].substring(colon + 1).trim()) != null
          && name.equals("content-length")) {
        reply(out, Reply.error(400, "BAD_REQUEST", "more than one Content-Length"));
        return false;
      }
    }
    if (!requestLine[1].equals(PATH)) {
      reply(out, Reply.error(404, "NOT_FOUND", "no such resource: " + requestLine[1]));
      return false;
    }
    if (!requestLine[0].equals("PUT")) {
      reply(out, Reply.error(405, "METHOD_NOT_ALLOWED", requestLine[0] + " is not allowed"));
      return false;
    }
    if (headers.containsKey("transfer-encoding") || !headers.containsKey("content-length")) {
      reply(out, Reply.error(411, "LENGTH_REQUIRED", "a Content-Length is required"));
      return false;
    }
    long length;
    try {
      length = Long.parseLong(headers.get("content-length"));
    } catch (NumberFormatException e) {
      length = -1;
    }
    if (length < 0) {
      reply(out, Reply.error(400, "BAD_REQUEST", "malformed Content-Length"));
      return false;
    }
    if (length > MAX_BODY) {
      reply(out, Reply.error(413, "TOO_LARGE", "the body is larger than " + MAX_BODY + " B"));
      return false;
    }
    String type = headers.getOrDefault("content-type", "").toLowerCase(Locale.ROOT);
    if (!type.equals("application/json") && !type.startsWith("application/json;")) {
      reply(out, Reply.error(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be application/json"));
      return false;
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length != length) {
      return false; // the peer went away mid-body
    }
    Reply r = handler.put(body);
    try {
      reply(out, r);
    } catch (IOException e) {
      if (!r.done()) {
        throw e;
      }
      // Stored all the same: the CSS will see the box in Phase III.
      Logger.warn("configuration endpoint: the 204 did not reach the CSS: {}", e.getMessage());
    }
    return r.done();
  }

  /** The request line and headers up to the empty line, or null if malformed or too long. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0; // how much of CR LF CR LF has been seen
    while (head.size() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
          : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
      if (state == 4) {
        String s = head.toString(StandardCharsets.ISO_8859_1);
        return s.substring(0, s.length() - 4);
      }
    }
    return null;
  }

  private static void reply(OutputStream out, Reply r) throws IOException {
    byte[] body = r.code() == null ? new byte[0] : ("{\"error\":{\"code\":\"" + r.code()
        + "\",\"message\":" + new com.google.gson.JsonPrimitive(r.message()) + "}}")
        .getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ')
        .append(reason(r.status())).append("\r\n");
    if (r.status() == 405) {
      h.append("Allow: PUT\r\n");
    }
    if (body.length > 0) {
      h.append("Content-Type: application/json; charset=utf-8\r\n");
    }
    if (r.status() != 204) {
      h.append("Content-Length: ").append(body.length).append("\r\n");
    }
    h.append("Connection: close\r\n\r\n");
    out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    return switch (status) {
      case 204 -> "No Content";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /** Stops serving; a {@link #serve} in progress returns false. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      Logger.warn("closing the configuration endpoint: {}", e.getMessage());
    }
  }
}
