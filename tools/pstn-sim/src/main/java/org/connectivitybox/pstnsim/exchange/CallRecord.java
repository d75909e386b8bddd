package org.connectivitybox.pstnsim.exchange;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the call log: who called whom, how it ended, and what it carried.
 *
 * @param start when the number was dialled
 * @param connectedMillis how long the call was answered (0 if it never was): what is charged
 * @param bytesFromCaller data bytes delivered from the caller to the callee
 * @param bytesToCaller data bytes delivered from the callee to the caller
 * @param endCause why an answered or ringing call ended; null for a call refused at once
 */
public record CallRecord(long id, String from, String to, CallOutcome outcome, Instant start,
    long connectedMillis, int rateBps, long bytesFromCaller, long bytesToCaller, EndCause endCause) {
  public CallRecord {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(start, "start");
  }
}
