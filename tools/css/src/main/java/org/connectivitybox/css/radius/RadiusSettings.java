package org.connectivitybox.css.radius;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the CSS's RADIUS server runs: where it listens, which NASes (NAPs) it answers with which
 * shared secret, and the two realms it serves.
 *
 * @param authListen the Access-Request address and port; null: no RADIUS server ({@link #OFF})
 * @param acctPort the Accounting-Request port on the same address; -1: {@code authPort + 1}
 *     (or a free port when {@code authPort} is 0)
 * @param clients the shared secret of each NAS, by its source address; a packet from any other
 *     address gets no answer
 * @param configDomain the realm of configuration logins {@code serial@configDomain} (default
 *     {@value #DEFAULT_CONFIG_DOMAIN})
 * @param subscriberDomain the realm of subscriber logins {@code cbId@subscriberDomain} (default
 *     {@value #DEFAULT_SUBSCRIBER_DOMAIN})
 */
public record RadiusSettings(InetSocketAddress authListen, int acctPort,
    Map<InetAddress, String> clients, String configDomain, String subscriberDomain) {

  /** The same rule as parameters 190's configuration domain: DNS labels, lower case. */
  private static final Pattern DOMAIN =
      Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  public static final String DEFAULT_CONFIG_DOMAIN = "config.cbox.example";
  public static final String DEFAULT_SUBSCRIBER_DOMAIN = "nasp.cb.example";
  /** No RADIUS server. */
  public static final RadiusSettings OFF = new RadiusSettings(null, -1, Map.of(),
      DEFAULT_CONFIG_DOMAIN, DEFAULT_SUBSCRIBER_DOMAIN);

  /** @throws IllegalArgumentException with a one-line message naming the option at fault */
  public RadiusSettings {
    clients = Map.copyOf(clients);
    configDomain = checkDomain(configDomain, "--config-domain");
    subscriberDomain = checkDomain(subscriberDomain, "--subscriber-domain");
    if (configDomain.equals(subscriberDomain)) {
      throw new IllegalArgumentException("--config-domain and --subscriber-domain must differ");
    }
    if (acctPort < -1 || acctPort > 65535) {
      throw new IllegalArgumentException("--radius-acct-port must be 0 to 65535");
    }
    if (authListen != null) {
      if (clients.isEmpty()) {
        throw new IllegalArgumentException(
            "--radius-listen needs at least one --radius-client IP=SECRETFILE");
      }
      if (acctPort == -1 && authListen.getPort() == 65535) {
        throw new IllegalArgumentException("the RADIUS accounting port (auth port + 1) would be"
            + " 65536: give --radius-acct-port");
      }
      if (acctPort != -1 && acctPort != 0 && acctPort == authListen.getPort()) {
        throw new IllegalArgumentException("--radius-acct-port must differ from the auth port");
      }
    }
    clients.forEach((address, secret) -> {
      if (secret.isEmpty() || secret.length() > 128) {
        throw new IllegalArgumentException("the RADIUS secret of " + address.getHostAddress()
            + " must be 1 to 128 characters");
      }
    });
  }

  /** Whether a RADIUS server runs. */
  public boolean enabled() {
    return authListen != null;
  }

  /** The accounting port to bind: as given, else auth + 1, or 0 (free) when auth is 0. */
  public int effectiveAcctPort() {
    if (acctPort != -1) {
      return acctPort;
    }
    return authListen.getPort() == 0 ? 0 : authListen.getPort() + 1;
  }

  private static String checkDomain(String domain, String option) {
    String d = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
    if (d.length() > 200 || !DOMAIN.matcher(d).matches()) {
      throw new IllegalArgumentException(option + " must be a domain name such as"
          + " config.cbox.example, not '" + domain + "'");
    }
    return d;
  }

  /**
   * Reads one {@code --radius-client IP=SECRETFILE}: a NAS's IP address (no names, so no DNS at
   * start) and a file whose first line is its shared secret (trailing spaces and the line end
   * are not part of it).
   *
   * @throws IllegalArgumentException with a one-line message on a malformed spec or an
   *     unreadable file
   */
  public static Map.Entry<InetAddress, String> client(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("--radius-client must be IP=SECRETFILE, not '" + spec
          + "'");
    }
    String ip = spec.substring(0, eq).strip();
    if (!ip.matches("[0-9.]+|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*")) {
      throw new IllegalArgumentException("--radius-client wants an IP address, not '" + ip + "'");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(ip); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--radius-client wants an IP address, not '" + ip + "'");
    }
    Path file = Path.of(spec.substring(eq + 1));
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the RADIUS secret of " + ip);
    }
    int nl = text.indexOf('\n');
    String secret = (nl < 0 ? text : text.substring(0, nl)).stripTrailing();
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(file + ": the RADIUS secret of " + ip + " is empty");
    }
    return Map.entry(address, secret);
  }

  /**
   * The clients of several {@code --radius-client} specs.
   *
   * @throws IllegalArgumentException if one is malformed or an address is given twice
   */
  public static Map<InetAddress, String> clients(Iterable<String> specs) {
    Map<InetAddress, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      Map.Entry<InetAddress, String> e = client(spec);
      if (out.put(e.getKey(), e.getValue()) != null) {
        throw new IllegalArgumentException("--radius-client " + e.getKey().getHostAddress()
            + " is given twice");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    // Never the secrets.
    return "RadiusSettings[authListen=" + authListen + ", acctPort=" + acctPort + ", clients="
        + clients.keySet() + ", configDomain=" + configDomain + ", subscriberDomain="
        + subscriberDomain + "]";
  }
}
