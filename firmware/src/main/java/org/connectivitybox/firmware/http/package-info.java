/**
 * The box's HTTPS client of the CSS: the connection manager's transactions (CONNECT, DISCONNECT,
 * the sequence-number check) as typed calls over OkHttp with mutual TLS.
 *
 * <pre>
 *   BoxConnectionManager (Figure 3) ── typed requests / {@link org.connectivitybox.firmware.http.Outcome}s
 *   {@link org.connectivitybox.firmware.http.CssClient}   ConnectionCodec, ErrorBody, one URL per transaction
 *   OkHttp: connection pool (one kept-alive connection), HTTP/1.1
 *   TLS 1.3/1.2 from TlsContext: CB certificate, Root CA, CSS_SERVER peers only, session cache
 *   TCP (over PPP on the box; loopback in tests)
 * </pre>
 *
 * <p>It lives in {@code firmware}, not {@code protocols}: OkHttp brings Okio and the Kotlin
 * standard library (about 3 MB), which the CSS and the tools that use {@code protocols} do not
 * need.
 */
package org.connectivitybox.firmware.http;
