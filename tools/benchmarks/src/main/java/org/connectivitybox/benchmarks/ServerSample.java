package org.connectivitybox.benchmarks;

/**
 * What the server saw of one connection: the CPU time its thread spent on the handshake (up to and
 * including the first application reply, so TLS 1.3 session tickets are in it), and the session
 * it ended with.
 *
 * @param cpuNanos server-thread CPU time for handshake and first reply, in nanoseconds
 * @param sessionId the negotiated session's ID, in hex
 * @param sessionCreated the negotiated session's creation time (a resumed session keeps the time
 *     of the full handshake that made it)
 * @param failure why the connection failed on the server side, or null
 */
record ServerSample(long cpuNanos, String sessionId, long sessionCreated, String failure) {
  static ServerSample failed(Exception e) {
    return new ServerSample(-1, "", -1, e.toString());
  }
}
