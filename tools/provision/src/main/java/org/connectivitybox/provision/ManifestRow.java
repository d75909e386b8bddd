package org.connectivitybox.provision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.connectivitybox.protocols.config.Parameters190;

/**
 * One line of {@code manifest.csv}: what the CSS imports to recognise a legitimate box.
 *
 * <p>Columns: {@code serial,config_user_name,config_password_sha256,certificate_sha256,not_after}.
 * The configuration password is never written in clear: it is a 24-character random string
 * (about 139 bits), so an unsalted SHA-256 of it cannot be reversed by guessing, and the RADIUS
 * server, which receives the password in clear in a PAP Access-Request, compares hashes.
 * {@code certificate_sha256} is the SHA-256 fingerprint of the serial-number certificate's DER.
 */
record ManifestRow(String serial, String userName, String passwordSha256,
    String certificateSha256, String notAfter) {

  static final String HEADER =
      "serial,config_user_name,config_password_sha256,certificate_sha256,not_after";

  static ManifestRow of(Parameters190 p) {
    X509Certificate leaf = p.serialNumberCertificate().get(0);
    try {
      return new ManifestRow(p.serialNumber().value(), p.configUserName(),
          sha256(p.configPassword().getBytes(StandardCharsets.US_ASCII)),
          sha256(leaf.getEncoded()), leaf.getNotAfter().toInstant().toString());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("cannot encode certificate of " + p.serialNumber(), e);
    }
  }

  String csv() {
    // Every field is from a restricted alphabet (no comma, quote or line break): no quoting.
    return String.join(",", serial, userName, passwordSha256, certificateSha256, notAfter);
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
