/**
 * The connection manager protocol (box entity 45, CSS entity 70): CONNECT, DISCONNECT and the
 * special sequence-number check, their records and codec, and the state machines of Figure 3
 * ({@link org.connectivitybox.protocols.connection.BoxConnectionManager}) and Figure 7
 * ({@link org.connectivitybox.protocols.connection.CssConnection}).
 *
 * <p>No request carries the box's identity: the CSS takes the CB ID from the TLS client
 * certificate of purpose CB (docs/pki.md). The machines are pure: they do no I/O, they return the
 * response to send or tell a listener what to send, and their timeouts run on an injected
 * {@link org.connectivitybox.protocols.time.Scheduler}.
 */
package org.connectivitybox.protocols.connection;
