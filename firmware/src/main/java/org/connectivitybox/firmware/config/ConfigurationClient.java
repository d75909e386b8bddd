package org.connectivitybox.firmware.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.tls.TlsContext;

/**
 * The box's HTTPS client of Phase II in mode {@code BOX_CONNECTS_TO_CSS} (docs/configuration.md,
 * "Phase II, box connects to the CSS"): one request per connection to the CSS's configuration
 * service, over a socket of the session on line (bound to the leased address, so the CSS sees
 * the address RADIUS accounting reported). The TLS context presents the serial-number
 * certificate and accepts only a CSS_SERVER peer under the box's Root CA: any other fails in
 * the handshake, before a byte of HTTP is sent.
 */
final class ConfigurationClient {
  /** The resource the box GETs. */
  static final String PATH = "/v1/configuration";
  /** The confirmation the box POSTs after storing. */
  static final String INSTALLED_PATH = "/v1/configuration/installed";
  private static final int MAX_RESPONSE = ConfigurationServer.MAX_BODY + 8 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 30_000;

  /** An answer: its status and body. */
  record Reply(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final TlsContext tls;
  private final SocketFactory sockets;
  private final ServiceAddress css;
  private final AtomicReference<Socket> current = new AtomicReference<>();

  ConfigurationClient(TlsContext tls, SocketFactory sockets, ServiceAddress css) {
    this.tls = Objects.requireNonNull(tls, "tls");
    this.sockets = Objects.requireNonNull(sockets, "sockets");
    this.css = Objects.requireNonNull(css, "css");
  }

  /**
   * Sends {@code method path} with an empty body and reads the whole answer.
   *
   * @throws IOException if no connection, the handshake failed, or the answer is malformed
   */
  Reply exchange(String method, String path) throws IOException {
    Socket plain = sockets.createSocket();
    current.set(plain);
    try {
      plain.connect(new InetSocketAddress(css.host(), css.port()), CONNECT_TIMEOUT_MILLIS);
      try (SSLSocket s = tls.clientOver(plain, css.host(), css.port())) {
        current.set(s);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        out.write((method + " " + path + " HTTP/1.1\r\nHost: " + css.host() + ":" + css.port()
            + "\r\nAccept: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return parse(readAll(s.getInputStream()));
      }
    } finally {
      current.set(null);
      plain.close();
    }
  }

  /** Closes a connection in progress (the configurator is closing). */
  void abort() {
    Socket s = current.get();
    if (s != null) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing for good
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) > 0; ) {
      b.write(buffer, 0, n);
      if (b.size() > MAX_RESPONSE) {
        throw new IOException("the CSS's answer is larger than " + MAX_RESPONSE + " B");
      }
    }
    return b.toByteArray();
  }

  /** Status line, headers, body (by Content-Length if given, else up to the close). */
  static Reply parse(byte[] response) throws IOException {
    String text = new String(response, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0 || text.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer");
    }
    int status;
    try {
      status = Integer.parseInt(text.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("malformed status line");
    }
    int length = response.length - (end + 4);
    for (String line : text.substring(0, end).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        try {
          length = Integer.parseInt(line.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
          throw new IOException("malformed Content-Length");
        }
      }
    }
    if (length < 0 || end + 4 + length > response.length) {
      throw new IOException("the answer ended before its body");
    }
    byte[] body = new byte[length];
    System.arraycopy(response, end + 4, body, 0, length);
    return new Reply(status, body);
  }
}
