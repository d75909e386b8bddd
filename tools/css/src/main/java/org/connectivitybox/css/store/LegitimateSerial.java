package org.connectivitybox.css.store;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * A serial number the factory made, as its manifest lists it: the configuration login and hash
 * of its password, and the fingerprint of the box's serial-number certificate.
 *
 * @param importedFrom the manifest it came from (a file name)
 * @param revokedAt when the operator revoked it (its configuration login is refused from then
 *     on); null while it is not revoked
 */
public record LegitimateSerial(SerialNumber serial, String configUserName, String passwordSha256,
    String certificateSha256, Instant notAfter, String importedFrom, Instant revokedAt) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** @throws IllegalArgumentException with a one-line message on a malformed field */
  public LegitimateSerial {
    Objects.requireNonNull(serial, "serial");
    Objects.requireNonNull(notAfter, "not_after");
    if (configUserName == null || configUserName.isBlank() || configUserName.length() > 128) {
      throw new IllegalArgumentException("config_user_name is 1 to 128 characters");
    }
    if (passwordSha256 == null || !SHA256.matcher(passwordSha256).matches()) {
      throw new IllegalArgumentException("config_password_sha256 must be 64 lower-case hex digits");
    }
    if (certificateSha256 == null || !SHA256.matcher(certificateSha256).matches()) {
      throw new IllegalArgumentException("certificate_sha256 must be 64 lower-case hex digits");
    }
    importedFrom = importedFrom == null || importedFrom.isBlank() ? "manifest.csv" : importedFrom;
    if (importedFrom.length() > 255) {
      importedFrom = importedFrom.substring(0, 255);
    }
  }

  /** A serial as a manifest lists it: not revoked. */
  public LegitimateSerial(SerialNumber serial, String configUserName, String passwordSha256,
      String certificateSha256, Instant notAfter, String importedFrom) {
    this(serial, configUserName, passwordSha256, certificateSha256, notAfter, importedFrom, null);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }
}
