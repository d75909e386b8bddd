package org.connectivitybox.css.store;

import java.time.Instant;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The connectivity manager's latest knowledge of a box's connection.
 *
 * @param state the connection state as the connection state machine names it
 * @param address the box's dynamic address while connected, else null
 * @param dataTransferPort the port of the box's data-transfer server while connected, else null
 */
public record ConnectionRecord(CbId cbId, String state, String address,
    Integer dataTransferPort, Instant connectedAt, Instant lastSeenAt, Instant disconnectedAt) {}
