package org.connectivitybox.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints the figures of {@code tls-bytes} as a Markdown table with its legend. */
final class ResultTable {
  private ResultTable() {}

  static void print(PrintStream out, List<SettingResult> results, PropertyScopeProbe scope,
      SettingRun.Limits limits) {
    out.println("| setting | negotiated | full c→s | full s→c (ticket) | full total | "
        + "resumed c→s | resumed s→c (ticket) | resumed total | resumed? | "
        + "line s at 33.6 kbps, full / resumed | server CPU ms, full / resumed |");
    out.println("|---|---|--:|--:|--:|--:|--:|--:|:-:|--:|--:|");
    for (SettingResult r : results) {
      HandshakeFigures f = r.full();
      HandshakeFigures s = r.resumed();
      out.println("| " + r.setting()
          + " | " + r.protocol()
          + " | " + f.up()
          + " | " + downWithTicket(f)
          + " | **" + f.total() + "**"
          + " | " + (s == null ? "–" : s.up())
          + " | " + (s == null ? "–" : downWithTicket(s))
          + " | " + (s == null ? "–" : "**" + s.total() + "**")
          + " | " + (r.allResumed() ? "yes" : "NO") + " " + (s == null ? 0 : s.count()) + "/"
          + r.resumedAttempts()
          + " | " + fmt("%.2f", f.lineSeconds()) + " / "
          + (s == null ? "–" : fmt("%.2f", s.lineSeconds()))
          + " | " + fmt("%.1f", f.cpuMeanMs()) + " / "
          + (s == null ? "–" : fmt("%.1f", s.cpuMeanMs()))
          + " |");
    }
    out.println();
    out.println("Settings (each measured in a JVM of its own; both sides use EC P-256 "
        + "certificates issued by the product's CertificateAuthority, one certificate per chain"
        + (results.isEmpty() ? "" : ": CSS " + results.get(0).cssCertificateBytes() + " B, box "
            + results.get(0).boxCertificateBytes() + " B DER")
        + "):");
    out.println();
    for (SettingResult r : results) {
      ResumptionSetting setting = ResumptionSetting.byId(r.setting());
      out.println("- `" + r.setting() + "`: " + setting.description() + ". Protocols "
          + setting.protocols() + ", cipher suite " + r.cipherSuite() + "; JVM properties: "
          + properties(setting.systemProperties()) + "; server ticket property as JSSE saw it: `"
          + r.ticketProperty() + "`.");
    }
    out.println();
    out.println("Bytes are TLS record bytes (TCP payload) counted on the box's socket, medians; "
        + "c→s is box to CSS. A handshake's bytes include the session tickets the server sent "
        + "with it: TLS 1.3 sends its NewSessionTicket after the handshake (shown in brackets), "
        + "TLS 1.2 inside the handshake flight (counted, not split out). Not counted: "
        + "application data, close_notify alerts, TCP/IP and PPP overhead. Line seconds = total "
        + "bytes × 8 / 33 600. Server CPU = mean CPU time of the server's thread from the start "
        + "of the handshake to its first application reply. Full = the box's session cache was "
        + "empty; resumed = the next " + SettingRun.RESUMPTIONS + " connections of the same box "
        + "(\"resumed?\" counts those whose session kept the full handshake's creation time on "
        + "both sides).");
    out.println();
    for (SettingResult r : results) {
      out.println("Spread of totals, `" + r.setting() + "`: full " + r.full().minTotal() + "–"
          + r.full().maxTotal() + " B over " + r.full().count() + " handshakes"
          + (r.resumed() == null ? "" : ", resumed " + r.resumed().minTotal() + "–"
              + r.resumed().maxTotal() + " B over " + r.resumed().count())
          + "; median server CPU " + fmt("%.2f", r.full().cpuMedianMs()) + " / "
          + (r.resumed() == null ? "–" : fmt("%.2f", r.resumed().cpuMedianMs())) + " ms.");
    }
    out.println();
    out.println("Iterations: " + limits.warmup() + " warm-up + up to " + limits.iterations()
        + " measured per setting (budget " + limits.budget().toSeconds() + " s); "
        + "JDK " + System.getProperty("java.runtime.version") + ", "
        + Runtime.getRuntime().availableProcessors() + " CPUs, "
        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ".");
    if (scope != null) {
      out.println();
      out.println(scope.readPerContext()
          ? "`" + org.connectivitybox.protocols.tls.TlsContexts.SERVER_TICKET_PROPERTY
              + "` is read each time an SSLContext is created, not once per JVM: in one JVM a "
              + "server context made while it was `true` sent " + scope.ticketBytesWhileTrue()
              + " B of session ticket, one made after it was set to `false` sent "
              + scope.ticketBytesAfterFalse() + " B."
          : "`" + org.connectivitybox.protocols.tls.TlsContexts.SERVER_TICKET_PROPERTY
              + "` is read once per JVM: a server context made after it changed from `true` to "
              + "`false` still sent " + scope.ticketBytesAfterFalse() + " B of session ticket.");
    }
  }

  private static String downWithTicket(HandshakeFigures f) {
    return f.down() + (f.ticket() > 0 ? " (" + f.ticket() + ")" : "");
  }

  private static String properties(Map<String, String> p) {
    if (p.isEmpty()) {
      return "none (the product's own behaviour)";
    }
    return p.entrySet().stream().map(e -> "`-D" + e.getKey() + "=" + e.getValue() + "`")
        .collect(Collectors.joining(" "));
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }
}
