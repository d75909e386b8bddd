package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HexFormat;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.tls.TlsContext;

/**
 * The client side of one measured connection: a mutual-TLS handshake over a {@link
 * CountingSocket}, then two ping/pong exchanges (see {@link HandshakeServer}).
 *
 * <p>The byte split relies on three readings of the counter: after the handshake (A), after the
 * first exchange (B) and after the second (C). The second exchange is pure application data, so
 * {@code (B - A) - (C - B)} is what the server sent between its Finished and the first reply: the
 * TLS 1.3 NewSessionTicket messages, which the client reads only when it next reads.
 */
final class HandshakeMeter {
  /** The CSS's name as the box dials it: it goes into the server_name extension. */
  static final String CSS_HOST = "css.connectivitybox.example";
  private static final int TIMEOUT_MILLIS = 10_000;

  private HandshakeMeter() {}

  /** Connects to the loopback server on {@code port} with the box's context and measures. */
  static ClientSample measure(TlsContext box, int port) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
      plain.setSoTimeout(TIMEOUT_MILLIS);
      plain.setTcpNoDelay(true);
      CountingSocket wire = new CountingSocket(plain);
      try (SSLSocket tls = box.clientOver(wire, CSS_HOST, port)) {
        tls.startHandshake();
        WireBytes a = wire.counted();
        ping(tls);
        WireBytes b = wire.counted();
        ping(tls);
        WireBytes c = wire.counted();
        WireBytes exchange = c.minus(b);
        WireBytes post = b.minus(a).minus(exchange);
        SSLSession s = tls.getSession();
        return new ClientSample(a, post, exchange, s.getProtocol(), s.getCipherSuite(),
            HexFormat.of().formatHex(s.getId()), s.getCreationTime());
      }
    } finally {
      plain.close();
    }
  }

  private static void ping(SSLSocket tls) throws IOException {
    OutputStream out = tls.getOutputStream();
    InputStream in = tls.getInputStream();
    out.write('p');
    out.flush();
    if (in.read() != 'P') {
      throw new IOException("expected a pong");
    }
  }
}
