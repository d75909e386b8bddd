package org.connectivitybox.hal.printer.ipp;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the IPP printer is and how long to wait for it.
 *
 * @param printerUri {@code ipp://}, {@code ipps://}, {@code http://} or {@code https://} URI of
 *     the print queue, e.g. {@code ipp://localhost:631/printers/box} (CUPS) or {@code
 *     ipp://localhost:60000/ipp/print} (ipp-usb); IPP's default port is 631
 * @param requestingUserName the user name sent with each job; default {@code connectivity-box}
 * @param requestTimeout limit for connecting and for each HTTP exchange; default 30 s
 * @param completionTimeout how long {@code print} watches a queued job before answering {@code
 *     Accepted}; default 2 minutes; zero answers as soon as the job is queued
 * @param pollInterval time between two job-state queries; default 500 ms
 */
public record IppPrinterConfig(
    URI printerUri,
    String requestingUserName,
    Duration requestTimeout,
    Duration completionTimeout,
    Duration pollInterval) {

  /** Checks the scheme and that every duration is sensible. */
  public IppPrinterConfig {
    Objects.requireNonNull(printerUri, "printerUri");
    Objects.requireNonNull(requestingUserName, "requestingUserName");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(completionTimeout, "completionTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    String scheme = printerUri.getScheme() == null ? "" : printerUri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.matches("ipps?|https?") || printerUri.getHost() == null) {
      throw new IllegalArgumentException(
          "printer URI must be ipp://, ipps://, http:// or https:// with a host: " + printerUri);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
    }
    if (completionTimeout.isNegative()) {
      throw new IllegalArgumentException("completion timeout must not be negative");
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive: " + pollInterval);
    }
  }

  /** {@code printerUri} with the defaults above. */
  public static IppPrinterConfig of(URI printerUri) {
    return new IppPrinterConfig(printerUri, "connectivity-box", Duration.ofSeconds(30),
        Duration.ofMinutes(2), Duration.ofMillis(500));
  }

  /** This configuration with another completion timeout. */
  public IppPrinterConfig withCompletionTimeout(Duration timeout) {
    return new IppPrinterConfig(
        printerUri, requestingUserName, requestTimeout, timeout, pollInterval);
  }

  /** The URI that goes into the IPP {@code printer-uri} attribute ({@code ipp} or {@code ipps}). */
  URI ippUri() {
    return withScheme(printerUri.getScheme().toLowerCase(Locale.ROOT).replace("http", "ipp"));
  }

  /** The URI the HTTP POST goes to ({@code http} or {@code https}, port 631 by default). */
  URI httpUri() {
    return withScheme(printerUri.getScheme().toLowerCase(Locale.ROOT).replace("ipp", "http"));
  }

  private URI withScheme(String scheme) {
    boolean ippScheme = printerUri.getScheme().toLowerCase(Locale.ROOT).startsWith("ipp");
    int port = printerUri.getPort() < 0 && ippScheme ? 631 : printerUri.getPort();
    String path = printerUri.getRawPath() == null || printerUri.getRawPath().isEmpty()
        ? "/" : printerUri.getRawPath();
    return URI.create(scheme + "://" + printerUri.getRawAuthority().replaceFirst(":\\d+$", "")
        + (port < 0 ? "" : ":" + port) + path);
  }
}
