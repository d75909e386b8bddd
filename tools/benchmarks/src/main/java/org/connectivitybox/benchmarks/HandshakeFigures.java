package org.connectivitybox.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Figures for one kind of handshake (full or resumed) of one setting: median bytes each way, the
 * part of the server's bytes that were session tickets, the spread of totals, and the server's
 * CPU time.
 *
 * @param up median bytes client to server, handshake and tickets (no application data)
 * @param down median bytes server to client, handshake and tickets
 * @param ticket median bytes of TLS 1.3 NewSessionTicket messages in {@code down} (TLS 1.2 sends
 *     its ticket inside the handshake flight, where it is counted but not split out: 0 here)
 * @param minTotal smallest total seen
 * @param maxTotal largest total seen (ECDSA signatures vary by a byte or two)
 * @param count handshakes measured
 * @param cpuMeanMs mean server-thread CPU time per handshake, milliseconds
 * @param cpuMedianMs median of the same
 */
record HandshakeFigures(long up, long down, long ticket, long minTotal, long maxTotal, int count,
    double cpuMeanMs, double cpuMedianMs) {

  long total() {
    return up + down;
  }

  /** Seconds the handshake occupies a 33.6 kbps line (TLS bytes only, both directions). */
  double lineSeconds() {
    return total() * 8.0 / 33_600;
  }

  /** Collects samples of one kind of handshake. Not thread-safe. */
  static final class Collector {
    private final List<ClientSample> clients = new ArrayList<>();
    private final List<Long> cpuNanos = new ArrayList<>();

    void add(ClientSample client, ServerSample server) {
      clients.add(client);
      cpuNanos.add(server.cpuNanos());
    }

    int size() {
      return clients.size();
    }

    HandshakeFigures figures() {
      if (clients.isEmpty()) {
        throw new IllegalStateException("no handshake was measured");
      }
      long[] up = clients.stream().mapToLong(c -> c.withTickets().sent()).toArray();
      long[] down = clients.stream().mapToLong(c -> c.withTickets().received()).toArray();
      long[] ticket = clients.stream().mapToLong(c -> c.postHandshake().received()).toArray();
      long[] total = clients.stream().mapToLong(c -> c.withTickets().total()).toArray();
      long[] cpu = cpuNanos.stream().mapToLong(Long::longValue).toArray();
      return new HandshakeFigures(median(up), median(down), median(ticket),
          Arrays.stream(total).min().orElseThrow(), Arrays.stream(total).max().orElseThrow(),
          clients.size(), Arrays.stream(cpu).average().orElseThrow() / 1e6, median(cpu) / 1e6);
    }

    private static long median(long[] values) {
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }
  }
}
