/**
 * The CSS side of the connection manager's transactions (docs/protocol.md): CONNECT,
 * DISCONNECT and the sequence-number check.
 *
 * <pre>
 *   POST /v1/connect, /v1/disconnect, /v1/sequence-numbers
 *        │  (CallerIdentity: CB ID from the TLS certificate, subscriber active)
 *   {@link org.connectivitybox.css.connectivity.ConnectionEndpoint}   POST, JSON, codec, error body
 *        │
 *   {@link org.connectivitybox.css.connectivity.ConnectivityManager}  one database transaction per request:
 *        │     load the connection row → CssConnection (Figure 7) transition → store the row
 *   Connections.locked (subscriber row locked; connections, sequence_numbers, jobs)
 * </pre>
 *
 * <p>Nothing is kept in memory between requests: any CSS node sharing the database can serve a
 * box's next transaction.
 */
package org.connectivitybox.css.connectivity;
