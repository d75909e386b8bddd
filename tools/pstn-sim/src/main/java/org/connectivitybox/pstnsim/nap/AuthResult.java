package org.connectivitybox.pstnsim.nap;

/** What the RADIUS server said about a login: accepted, or rejected with a reason for the box. */
public record AuthResult(boolean accepted, String reason) {
  public static AuthResult accept() {
    return new AuthResult(true, null);
  }

  public static AuthResult reject(String reason) {
    return new AuthResult(false, reason);
  }
}
