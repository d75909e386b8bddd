package org.connectivitybox.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Everything measured for one {@link ResumptionSetting} in one JVM, and its one-line form in
 * which a child JVM hands it to the parent ({@code RESULT} then tab-separated {@code key=value}).
 *
 * @param setting the setting's id
 * @param ticketProperty the server ticket property as JSSE saw it when the contexts were built
 * @param protocol negotiated protocol version
 * @param cipherSuite negotiated cipher suite
 * @param full figures of full handshakes (the box's client cache was empty)
 * @param resumed figures of resumption attempts that did resume
 * @param resumedAttempts how many resumptions were attempted
 * @param exchange bytes of one 1-byte ping and pong, for reference (not in the figures)
 * @param cssCertificateBytes DER size of the CSS's certificate (its whole chain in TLS)
 * @param boxCertificateBytes DER size of the box's CB certificate (its whole chain in TLS)
 */
record SettingResult(String setting, String ticketProperty, String protocol, String cipherSuite,
    HandshakeFigures full, HandshakeFigures resumed, int resumedAttempts, WireBytes exchange,
    int cssCertificateBytes, int boxCertificateBytes) {

  static final String PREFIX = "RESULT";

  /** True if every attempted resumption resumed. */
  boolean allResumed() {
    return resumed != null && resumed.count() == resumedAttempts;
  }

  String toLine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("setting", setting);
    m.put("ticketProperty", ticketProperty);
    m.put("protocol", protocol);
    m.put("cipherSuite", cipherSuite);
    put(m, "full", full);
    put(m, "resumed", resumed);
    m.put("resumedAttempts", resumedAttempts);
    m.put("exchangeUp", exchange.sent());
    m.put("exchangeDown", exchange.received());
    m.put("cssCertificateBytes", cssCertificateBytes);
    m.put("boxCertificateBytes", boxCertificateBytes);
    StringJoiner j = new StringJoiner("\t", PREFIX + "\t", "");
    m.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** @throws IllegalArgumentException if the line is not a result line of this version */
  static SettingResult parse(String line) {
    if (!line.startsWith(PREFIX + "\t")) {
      throw new IllegalArgumentException("not a result line: " + line);
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (String field : line.substring(PREFIX.length() + 1).split("\t")) {
      int eq = field.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("malformed field '" + field + "' in " + line);
      }
      m.put(field.substring(0, eq), field.substring(eq + 1));
    }
    try {
      return new SettingResult(m.get("setting"), m.get("ticketProperty"), m.get("protocol"),
          m.get("cipherSuite"), figures(m, "full"), figures(m, "resumed"),
          Integer.parseInt(m.get("resumedAttempts")),
          new WireBytes(Long.parseLong(m.get("exchangeUp")),
              Long.parseLong(m.get("exchangeDown"))),
          Integer.parseInt(m.get("cssCertificateBytes")),
          Integer.parseInt(m.get("boxCertificateBytes")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed result line: " + line, e);
    }
  }

  private static void put(Map<String, Object> m, String kind, HandshakeFigures f) {
    if (f == null) {
      return;
    }
    m.put(kind + ".up", f.up());
    m.put(kind + ".down", f.down());
    m.put(kind + ".ticket", f.ticket());
    m.put(kind + ".minTotal", f.minTotal());
    m.put(kind + ".maxTotal", f.maxTotal());
    m.put(kind + ".count", f.count());
    m.put(kind + ".cpuMeanMs", f.cpuMeanMs());
    m.put(kind + ".cpuMedianMs", f.cpuMedianMs());
  }

  private static HandshakeFigures figures(Map<String, String> m, String kind) {
    if (!m.containsKey(kind + ".up")) {
      return null;
    }
    return new HandshakeFigures(Long.parseLong(m.get(kind + ".up")),
        Long.parseLong(m.get(kind + ".down")), Long.parseLong(m.get(kind + ".ticket")),
        Long.parseLong(m.get(kind + ".minTotal")), Long.parseLong(m.get(kind + ".maxTotal")),
        Integer.parseInt(m.get(kind + ".count")), Double.parseDouble(m.get(kind + ".cpuMeanMs")),
        Double.parseDouble(m.get(kind + ".cpuMedianMs")));
  }
}
