package org.connectivitybox.protocols.ppp;

/**
 * What pppd's exit status means (pppd(8) "EXIT STATUS", pppd.h {@code EXIT_*}), and how the link
 * reads it.
 *
 * <p>The ones that matter to the box: {@link #USER_REQUEST} (5) is our own SIGTERM from {@link
 * PppdLink#bringDown()}; {@link #AUTH_TOPEER_FAILED} (19) is the NAP refusing our PAP login
 * (REJECTED); {@link #HANGUP} (16) is the call ending under the link (carrier lost); {@link
 * #PEER_DEAD} (15) is the peer no longer answering LCP echoes; {@link #NEGOTIATION_FAILED} (10) is
 * LCP/IPCP not agreeing. {@link #OPTION_ERROR} (2), {@link #NOT_ROOT} (3), {@link
 * #NO_KERNEL_SUPPORT} (4, no ppp_async / /dev/ppp), {@link #LOCK_FAILED} (6, /run/lock), {@link
 * #OPEN_FAILED} (7, the tty) are set-up faults of the device image, not of the line.
 */
public enum PppdExitCode {
  /** 0: pppd ended normally (the link was terminated without error). */
  OK(0),
  /** 1: an immediately fatal error (out of memory, a failed system call). */
  FATAL_ERROR(1),
  /** 2: an error in the options (a bad command line or options file). */
  OPTION_ERROR(2),
  /** 3: pppd is not setuid-root and the invoking user is not root. */
  NOT_ROOT(3),
  /** 4: the kernel does not support PPP (no ppp_generic / ppp_async, no /dev/ppp). */
  NO_KERNEL_SUPPORT(4),
  /** 5: pppd terminated on SIGINT, SIGTERM or SIGHUP (our bring-down). */
  USER_REQUEST(5),
  /** 6: the serial port could not be locked. */
  LOCK_FAILED(6),
  /** 7: the serial port could not be opened. */
  OPEN_FAILED(7),
  /** 8: the connect script failed. */
  CONNECT_FAILED(8),
  /** 9: the pty command could not be run. */
  PTYCMD_FAILED(9),
  /** 10: the PPP negotiation failed (no agreement on LCP or IPCP options). */
  NEGOTIATION_FAILED(10),
  /** 11: the peer failed (or refused) to authenticate itself. */
  PEER_AUTH_FAILED(11),
  /** 12: the link was idle for the idle time-out. */
  IDLE_TIMEOUT(12),
  /** 13: the link reached the maximum connect time. */
  CONNECT_TIME(13),
  /** 14: callback was negotiated; an incoming call should follow. */
  CALLBACK(14),
  /** 15: the peer stopped answering LCP echo requests. */
  PEER_DEAD(15),
  /** 16: the modem hung up (carrier lost). */
  HANGUP(16),
  /** 17: a loopback was detected (the line echoes our own frames). */
  LOOPBACK(17),
  /** 18: the init script failed. */
  INIT_FAILED(18),
  /** 19: we failed to authenticate ourselves to the peer: the login was refused. */
  AUTH_TOPEER_FAILED(19),
  /** 20: the traffic limit was reached. */
  TRAFFIC_LIMIT(20),
  /** 21: the CNID authentication failed. */
  CNID_AUTH_FAILED(21);

  private final int code;

  PppdExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The meaning of {@code status}, or null for a status pppd does not define (a signal, say). */
  public static PppdExitCode of(int status) {
    for (PppdExitCode c : values()) {
      if (c.code == status) {
        return c;
      }
    }
    return null;
  }

  /** {@code status} with its name, for messages: {@code "16 (HANGUP)"}, {@code "137"}. */
  public static String describe(int status) {
    PppdExitCode c = of(status);
    return c == null ? String.valueOf(status) : status + " (" + c + ")";
  }
}
