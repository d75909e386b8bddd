package org.connectivitybox.protocols.ppp;

import java.util.Objects;

/**
 * The login the box presents to the NAP: a user name and a password, each 1 to 128 printable
 * ASCII characters without spaces (docs/pstn.md section 3).
 *
 * <p>The password is a secret: {@link #toString()} hides it and nothing in this package logs it.
 */
public record Credentials(String user, String password) {
  /** The longest user name or password the NAP accepts. */
  public static final int MAX_LENGTH = 128;

  /** @throws IllegalArgumentException naming the field (never echoing the password) if malformed */
  public Credentials {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    String problem = problem(user);
    if (problem != null) {
      throw new IllegalArgumentException("user name '" + user + "' " + problem);
    }
    problem = problem(password);
    if (problem != null) {
      throw new IllegalArgumentException("password " + problem);
    }
  }

  private static String problem(String s) {
    if (s.isEmpty() || s.length() > MAX_LENGTH) {
      return "must be 1 to " + MAX_LENGTH + " characters long (is " + s.length() + ")";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c > '~') {
        return "must be printable ASCII without spaces (character " + (i + 1) + " is not)";
      }
    }
    return null;
  }

  /** Shows the user name only. */
  @Override
  public String toString() {
    return "Credentials[user=" + user + ", password=***]";
  }
}
