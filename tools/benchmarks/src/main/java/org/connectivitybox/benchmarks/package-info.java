/**
 * Measurement tools of the Connectivity Box: commands that print figures, started through the
 * {@code tools/benchmarks/bench} launcher ({@link org.connectivitybox.benchmarks.BenchCommand}).
 *
 * <p>{@code tls-bytes} ({@link org.connectivitybox.benchmarks.TlsHandshakeBytes}) counts the
 * bytes of mutual-TLS handshakes on a {@link org.connectivitybox.benchmarks.CountingSocket}:
 *
 * <pre>
 *   parent JVM ── one child JVM per setting (its own -D properties)
 *                   box TlsContext ── SSLSocket ── CountingSocket ── TCP loopback
 *                                                                      │
 *                   CSS TlsContext ── SSLServerSocket (HandshakeServer) ─┘
 * </pre>
 */
package org.connectivitybox.benchmarks;
