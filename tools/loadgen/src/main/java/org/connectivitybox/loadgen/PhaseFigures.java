package org.connectivitybox.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * The figures of one phase of a run (the bound, or the linkups through the CSS), computed from
 * the records of its linkups and the time the phase took. Pure arithmetic.
 *
 * @param name what the phase measured, for the report
 * @param completed linkups in which every step had the expected answer
 * @param failures failed linkups by kind
 * @param cutOff linkups cut off by the hard deadline (neither completed nor failed)
 * @param elapsed from the start of the phase's first linkup to the end of its last one
 * @param latencies per transaction type, over completed linkups only
 * @param wireBytes per transaction type, the mean bytes on the box's wire during one call
 *     (both directions; a CONNECT's includes the TCP + TLS set-up of the dial-in), over
 *     completed linkups only
 * @param senderBytes wire bytes of the senders of completed linkups, summed
 * @param receiverBytes wire bytes of the receivers of completed linkups, summed
 */
record PhaseFigures(String name, long completed, SortedMap<String, Long> failures, long cutOff,
    Duration elapsed, Map<Transaction, Latency> latencies, Map<Transaction, Double> wireBytes,
    WireBytes senderBytes, WireBytes receiverBytes) {

  /** The transaction types a linkup makes, in the order the report lists them. */
  static final List<Transaction> TYPES = List.of(Transaction.CONNECT, Transaction.SEND,
      Transaction.VERIFY, Transaction.METERING, Transaction.DISCONNECT);

  PhaseFigures {
    Objects.requireNonNull(name, "name");
    failures = new TreeMap<>(failures);
    Objects.requireNonNull(elapsed, "elapsed");
    latencies = new EnumMap<>(latencies);
    wireBytes = new EnumMap<>(wireBytes);
  }

  /** Computes the figures of a phase from its records. */
  static PhaseFigures of(String name, List<LinkupRecord> records, Duration elapsed) {
    long completed = 0;
    long cutOff = 0;
    SortedMap<String, Long> failures = new TreeMap<>();
    Map<Transaction, List<Long>> samples = new EnumMap<>(Transaction.class);
    Map<Transaction, long[]> bytes = new EnumMap<>(Transaction.class); // {calls, bytes}
    WireBytes sender = WireBytes.ZERO;
    WireBytes receiver = WireBytes.ZERO;
    for (LinkupRecord r : records) {
      if (r instanceof LinkupRecord.Completed c) {
        completed++;
        sender = sender.plus(c.sender());
        receiver = receiver.plus(c.receiver());
        for (LinkupRecord.Timed t : c.timings()) {
          samples.computeIfAbsent(t.transaction(), k -> new ArrayList<>()).add(t.nanos());
          long[] b = bytes.computeIfAbsent(t.transaction(), k -> new long[2]);
          b[0]++;
          b[1] += t.wireBytes();
        }
      } else if (r instanceof LinkupRecord.Failed f) {
        failures.merge(f.kind(), 1L, Long::sum);
      } else {
        cutOff++;
      }
    }
    Map<Transaction, Latency> latencies = new EnumMap<>(Transaction.class);
    Map<Transaction, Double> meanBytes = new EnumMap<>(Transaction.class);
    for (Transaction t : TYPES) {
      List<Long> s = samples.getOrDefault(t, List.of());
      latencies.put(t, Latency.of(s.stream().mapToLong(Long::longValue).toArray()));
      long[] b = bytes.getOrDefault(t, new long[2]);
      meanBytes.put(t, b[0] == 0 ? 0.0 : b[1] / (double) b[0]);
    }
    return new PhaseFigures(name, completed, failures, cutOff, elapsed, latencies, meanBytes,
        sender, receiver);
  }

  /** All failed linkups, whatever their kind. */
  long failed() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Completed linkups per second of elapsed time; 0 if no time passed. */
  double linkupsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : completed / seconds;
  }

  /** Wire bytes (both directions, TLS included) per box per completed linkup: two boxes each. */
  double bytesPerBoxPerLinkup() {
    return completed == 0 ? 0 : (senderBytes.total() + receiverBytes.total()) / (2.0 * completed);
  }

  /** The sender's wire bytes per completed linkup. */
  double senderBytesPerLinkup() {
    return completed == 0 ? 0 : senderBytes.total() / (double) completed;
  }

  /** The receiver's wire bytes per completed linkup. */
  double receiverBytesPerLinkup() {
    return completed == 0 ? 0 : receiverBytes.total() / (double) completed;
  }
}
