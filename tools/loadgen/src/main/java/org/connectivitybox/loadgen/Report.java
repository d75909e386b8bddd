package org.connectivitybox.loadgen;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * The text a run prints on standard output: each phase's figures, then the linkup phase set
 * against the bound and the goals. Pure formatting of {@link PhaseFigures}.
 */
final class Report {
  /** Goal of issue 4: linkups per second through the CSS at least this share of the bound. */
  static final double RATIO_GOAL = 0.6;
  /** Goal of issue 4: at most 2.5 KB (2 500 bytes) on the wire per box per linkup, TLS included. */
  static final double BYTES_GOAL = 2_500;

  private Report() {}

  /** One phase: linkups, rate, latencies per transaction type, bytes, failures. */
  static String phase(PhaseFigures f) {
    StringBuilder out = new StringBuilder();
    out.append(f.name()).append('\n');
    out.append(String.format(Locale.ROOT,
        "  linkups completed %d, failed %d, cut off at the deadline %d, in %.3f s: %.1f linkups/s%n",
        f.completed(), f.failed(), f.cutOff(), f.elapsed().toNanos() / 1e9,
        f.linkupsPerSecond()));
    out.append(String.format(Locale.ROOT, "  %-11s %7s %9s %9s %9s %11s%n", "transaction",
        "count", "p50 ms", "p99 ms", "max ms", "wire bytes"));
    for (Transaction t : PhaseFigures.TYPES) {
      Latency l = f.latencies().get(t);
      out.append(String.format(Locale.ROOT, "  %-11s %7d %9.2f %9.2f %9.2f %11.0f%n", t.name(),
          l.count(), ms(l.p50Nanos()), ms(l.p99Nanos()), ms(l.maxNanos()),
          f.wireBytes().get(t)));
    }
    out.append("  (wire bytes: mean per call, both directions, TLS records; CONNECT includes the"
        + " box's TLS handshake)\n");
    out.append(String.format(Locale.ROOT,
        "  bytes on the wire per box per linkup (TLS records, both directions): %.0f"
            + " (sender %.0f: %.0f out + %.0f in; receiver %.0f: %.0f out + %.0f in)%n",
        f.bytesPerBoxPerLinkup(), f.senderBytesPerLinkup(),
        perLinkup(f.senderBytes().sent(), f), perLinkup(f.senderBytes().received(), f),
        f.receiverBytesPerLinkup(), perLinkup(f.receiverBytes().sent(), f),
        perLinkup(f.receiverBytes().received(), f)));
    if (f.failures().isEmpty()) {
      out.append("  failures: none\n");
    } else {
      out.append("  failures by kind:\n");
      for (Map.Entry<String, Long> e : f.failures().entrySet()) {
        out.append(String.format(Locale.ROOT, "    %6d  %s%n", e.getValue(), e.getKey()));
      }
    }
    return out.toString();
  }

  /** The linkup phase against the bound (null if the bound was skipped) and the goals. */
  static String summary(PhaseFigures linkups, PhaseFigures bound) {
    return summary(linkups, bound, List.of());
  }

  /**
   * As {@link #summary(PhaseFigures, PhaseFigures)}, with the ratio of each round when there
   * were several.
   */
  static String summary(PhaseFigures linkups, PhaseFigures bound, List<Double> roundRatios) {
    StringBuilder out = new StringBuilder("summary\n");
    out.append(String.format(Locale.ROOT, "  linkups/s through the CSS   %10.1f%n",
        linkups.linkupsPerSecond()));
    if (bound != null) {
      double ratio = ratio(linkups, bound);
      out.append(String.format(Locale.ROOT, "  bound (TLS + HTTP + DB)     %10.1f%n",
          bound.linkupsPerSecond()));
      out.append(String.format(Locale.ROOT, "  ratio                       %10.2f   goal >= %.1f: %s%n",
          ratio, RATIO_GOAL, ratio >= RATIO_GOAL ? "met" : "NOT met"));
      if (roundRatios.size() > 1) {
        double[] sorted = roundRatios.stream().mapToDouble(Double::doubleValue).sorted()
            .toArray();
        StringBuilder each = new StringBuilder();
        for (double r : roundRatios) {
          each.append(String.format(Locale.ROOT, " %.2f", r));
        }
        out.append(String.format(Locale.ROOT,
            "  ratio per round (min %.2f, max %.2f):%s%n", sorted[0],
            sorted[sorted.length - 1], each));
      }
    } else {
      out.append("  bound                       skipped (--no-bound)\n");
    }
    double bytes = linkups.bytesPerBoxPerLinkup();
    out.append(String.format(Locale.ROOT, "  bytes/box/linkup            %10.0f   goal <= %.0f: %s%n",
        bytes, BYTES_GOAL, linkups.completed() > 0 && bytes <= BYTES_GOAL ? "met" : "NOT met"));
    if (bound != null) {
      out.append(String.format(Locale.ROOT, "  bytes/box/linkup (bound)    %10.0f%n",
          bound.bytesPerBoxPerLinkup()));
    }
    long failed = linkups.failed() + (bound == null ? 0 : bound.failed());
    out.append(String.format(Locale.ROOT, "  failed linkups              %10d%n", failed));
    return out.toString();
  }

  /** Linkups per second through the CSS over the bound's; 0 if the bound made none. */
  static double ratio(PhaseFigures linkups, PhaseFigures bound) {
    double b = bound.linkupsPerSecond();
    return b <= 0 ? 0 : linkups.linkupsPerSecond() / b;
  }

  private static double perLinkup(long bytes, PhaseFigures f) {
    return f.completed() == 0 ? 0 : bytes / (double) f.completed();
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
