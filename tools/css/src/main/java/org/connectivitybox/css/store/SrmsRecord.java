package org.connectivitybox.css.store;

import java.time.Instant;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The SRMS subscriber record of Phase I: who the subscriber is and how they are billed.
 *
 * @param billingJson the call centre's billing data, a JSON object as text
 */
public record SrmsRecord(CbId cbId, String name, String postalAddress, String billingJson,
    Instant createdAt) {}
