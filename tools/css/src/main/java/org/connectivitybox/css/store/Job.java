package org.connectivitybox.css.store;

import java.time.Instant;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;

/**
 * A job as stored: one document from a sender to a receiver, its state (named by the send/receive
 * state machines, which own its transitions) and the metering each end reported.
 */
public record Job(long jobNumber, CbId sender, CbId receiver, String state,
    Optional<Metering> senderMetering, Optional<Metering> receiverMetering, Instant createdAt,
    Instant updatedAt) {}
