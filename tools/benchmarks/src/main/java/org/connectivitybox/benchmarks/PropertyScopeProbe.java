package org.connectivitybox.benchmarks;

import java.io.IOException;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * Finds out, in one JVM, whether JSSE reads {@value TlsContexts#SERVER_TICKET_PROPERTY} for each
 * new {@code SSLContext} or once per JVM: it builds a server context while the property is
 * {@code true}, then another after setting it to {@code false}, and compares the session-ticket
 * bytes each one sends after a TLS 1.3 handshake.
 *
 * <p>Run it in a JVM where nothing has touched the property yet.
 *
 * @param ticketBytesWhileTrue NewSessionTicket bytes from the context made while the property was
 *     true
 * @param ticketBytesAfterFalse the same from the context made after it was set to false
 */
record PropertyScopeProbe(long ticketBytesWhileTrue, long ticketBytesAfterFalse) {
  static final String PREFIX = "SCOPE";

  /** True if the second context behaved differently: the property is read per SSLContext. */
  boolean readPerContext() {
    return ticketBytesWhileTrue != ticketBytesAfterFalse;
  }

  static PropertyScopeProbe run() throws IOException, InterruptedException {
    if (System.getProperty(TlsContexts.SERVER_TICKET_PROPERTY) != null) {
      throw new IllegalStateException(TlsContexts.SERVER_TICKET_PROPERTY
          + " is already set in this JVM; run the probe in a fresh one");
    }
    System.setProperty(TlsContexts.SERVER_TICKET_PROPERTY, "true");
    BenchPki pki = BenchPki.create();
    long whileTrue = ticketBytes(pki);
    System.setProperty(TlsContexts.SERVER_TICKET_PROPERTY, "false");
    long afterFalse = ticketBytes(pki);
    return new PropertyScopeProbe(whileTrue, afterFalse);
  }

  private static long ticketBytes(BenchPki pki) throws IOException, InterruptedException {
    TlsContext css = pki.cssContext(TlsContexts.PROTOCOLS);
    try (HandshakeServer server = new HandshakeServer(css)) {
      ClientSample c = HandshakeMeter.measure(pki.boxContext(TlsContexts.PROTOCOLS), server.port());
      ServerSample s = server.next(15_000);
      if (s.failure() != null) {
        throw new IOException("the server side failed: " + s.failure());
      }
      if (!"TLSv1.3".equals(c.protocol())) {
        throw new IllegalStateException("the probe needs TLS 1.3, got " + c.protocol());
      }
      return c.postHandshake().received();
    }
  }

  String toLine() {
    return PREFIX + "\twhileTrue=" + ticketBytesWhileTrue + "\tafterFalse=" + ticketBytesAfterFalse;
  }

  static PropertyScopeProbe parse(String line) {
    String[] f = line.split("\t");
    if (f.length != 3 || !f[0].equals(PREFIX) || !f[1].startsWith("whileTrue=")
        || !f[2].startsWith("afterFalse=")) {
      throw new IllegalArgumentException("not a probe line: " + line);
    }
    return new PropertyScopeProbe(Long.parseLong(f[1].substring("whileTrue=".length())),
        Long.parseLong(f[2].substring("afterFalse=".length())));
  }
}
