package org.connectivitybox.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.connectivitybox.protocols.tls.TlsContexts;

/**
 * A session-resumption setting to measure, each run in a JVM of its own because the JSSE
 * properties involved are JVM-wide (and some are read once, when JSSE's classes load).
 *
 * <p>The product default ({@link #TLS13_CACHE}) passes no property at all, so it measures what
 * {@link TlsContexts} does by itself.
 */
enum ResumptionSetting {
  TLS13_TICKETS("tls13-tickets", "TLS 1.3 preferred, stateless tickets (JDK default)",
      TlsContexts.PROTOCOLS, Map.of(TlsContexts.SERVER_TICKET_PROPERTY, "true")),
  TLS13_CACHE("tls13-cache", "TLS 1.3 preferred, server session cache (product default)",
      TlsContexts.PROTOCOLS, Map.of()),
  TLS12_CACHE("tls12-cache", "TLS 1.2 only, session-ID resumption (server cache)",
      List.of("TLSv1.2"), Map.of()),
  TLS12_TICKETS("tls12-tickets", "TLS 1.2 only, stateless tickets (RFC 5077)",
      List.of("TLSv1.2"), Map.of(TlsContexts.SERVER_TICKET_PROPERTY, "true")),
  /** Not a resumption setting: shows what trimming the box's ClientHello would add. */
  TLS13_CACHE_LEAN("tls13-cache-lean",
      "TLS 1.3 preferred, server cache, lean ClientHello (extra; JVM-wide client properties)",
      TlsContexts.PROTOCOLS, leanClientHello());

  private final String id;
  private final String description;
  private final List<String> protocols;
  private final Map<String, String> systemProperties;

  ResumptionSetting(String id, String description, List<String> protocols,
      Map<String, String> systemProperties) {
    this.id = id;
    this.description = description;
    this.protocols = List.copyOf(protocols);
    this.systemProperties = systemProperties;
  }

  /** The name used on the command line and in the table. */
  String id() {
    return id;
  }

  String description() {
    return description;
  }

  /** Protocol versions enabled on both sides, most preferred first. */
  List<String> protocols() {
    return protocols;
  }

  /** {@code -D} properties the child JVM gets; empty means the product's own behaviour. */
  Map<String, String> systemProperties() {
    return systemProperties;
  }

  static ResumptionSetting byId(String id) {
    for (ResumptionSetting s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown setting '" + id + "'; known: " + ids());
  }

  static List<String> ids() {
    return java.util.Arrays.stream(values()).map(ResumptionSetting::id).toList();
  }

  /**
   * Client-side JSSE properties (JDK 17) that shrink the box's ClientHello: no middlebox
   * compatibility mode (saves a 32-byte legacy session ID echoed both ways and two
   * ChangeCipherSpec records), one key share (x25519), no OCSP status requests, and only the
   * signature scheme the PKI uses. JDK 17 reads the status-request property per SSLContext and
   * the other three once per JVM.
   */
  private static Map<String, String> leanClientHello() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("jdk.tls.client.useCompatibilityMode", "false");
    p.put("jdk.tls.namedGroups", "x25519");
    p.put("jdk.tls.client.enableStatusRequestExtension", "false");
    p.put("jdk.tls.client.SignatureSchemes", "ecdsa_secp256r1_sha256");
    return java.util.Collections.unmodifiableMap(p);
  }
}
