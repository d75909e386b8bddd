package org.connectivitybox.loadgen;

import java.util.List;
import java.util.Objects;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * What one linkup came to: either completed (every step had the expected answer), with the
 * latency of each transaction it made and the bytes each end put on the wire; or failed, with
 * the kind of failure (the step and the answer, for example {@code "SEND: REFUSED
 * WAKEUP_TIMED_OUT"}); or cut off by the run's hard deadline.
 */
sealed interface LinkupRecord {

  /**
   * One timed transaction of a linkup.
   *
   * @param wireBytes what crossed the box's wire during the call, both directions (a CONNECT's
   *     includes the TCP + TLS set-up of the box's dial-in)
   */
  record Timed(Transaction transaction, long nanos, long wireBytes) {
    public Timed {
      Objects.requireNonNull(transaction, "transaction");
      if (nanos < 0 || wireBytes < 0) {
        throw new IllegalArgumentException("a latency and a byte count are not negative: "
            + nanos + ", " + wireBytes);
      }
    }
  }

  /** Every step had the expected answer. */
  record Completed(List<Timed> timings, WireBytes sender, WireBytes receiver)
      implements LinkupRecord {
    public Completed {
      timings = List.copyOf(timings);
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(receiver, "receiver");
    }
  }

  /** A step had another answer than the expected one, or none. */
  record Failed(String kind, String detail) implements LinkupRecord {
    public Failed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The run's hard deadline closed the connections while this linkup was in flight. */
  record CutOff() implements LinkupRecord {}
}
