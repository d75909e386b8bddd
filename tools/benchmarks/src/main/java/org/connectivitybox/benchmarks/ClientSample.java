package org.connectivitybox.benchmarks;

/**
 * What the client saw of one connection.
 *
 * @param handshake bytes of the handshake proper: until {@code startHandshake()} returned
 * @param postHandshake bytes that followed the handshake but were not application data: TLS 1.3
 *     NewSessionTicket messages (the server sends them after the handshake; they cross the wire
 *     all the same, so they are counted with the handshake that issued them)
 * @param exchange bytes of one 1-byte ping and 1-byte pong (two application records)
 * @param protocol the negotiated protocol version
 * @param sessionId the session's ID, in hex
 * @param sessionCreated the session's creation time (kept by a resumed session)
 */
record ClientSample(WireBytes handshake, WireBytes postHandshake, WireBytes exchange,
    String protocol, String cipherSuite, String sessionId, long sessionCreated) {

  /** Everything the connection cost apart from application data. */
  WireBytes withTickets() {
    return handshake.plus(postHandshake);
  }
}
