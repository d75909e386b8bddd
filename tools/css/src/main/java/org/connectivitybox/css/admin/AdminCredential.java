package org.connectivitybox.css.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The admin API's HTTP Basic credential: user {@value #USER} and a random password. Checked in
 * constant time; the password is never logged.
 */
public final class AdminCredential {
  /** The admin user name. */
  public static final String USER = "admin";

  private final byte[] expected;

  public AdminCredential(String password) {
    this.expected = ("Basic " + Base64.getEncoder().encodeToString(
        (USER + ":" + password).getBytes(StandardCharsets.UTF_8)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Whether an {@code Authorization} header value carries this credential. */
  public boolean accepts(String authorization) {
    return authorization != null && MessageDigest.isEqual(expected,
        authorization.trim().getBytes(StandardCharsets.UTF_8));
  }
}
