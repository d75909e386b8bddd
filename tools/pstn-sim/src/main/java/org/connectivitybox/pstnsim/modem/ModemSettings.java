package org.connectivitybox.pstnsim.modem;

import java.time.Duration;

/**
 * The modem's settable state: the {@code ATZ}/{@code AT&F} defaults are
 * {@code E1 V1 Q0 X4 S0=0 S7=50 S8=2 S12=50 &C1 &D2}, caller ID off, distinctive-ring reports
 * off. Not thread-safe: the modem guards it.
 */
final class ModemSettings {
  boolean echo;
  boolean verbose;
  boolean quiet;
  int x;
  int c;
  int d;
  /** 0 off, 1 formatted, 2 unformatted (MDMF hex). */
  int callerId;
  boolean ringReports;
  final int[] s = new int[32];

  ModemSettings() {
    reset();
  }

  void reset() {
    echo = true;
    verbose = true;
    quiet = false;
    x = 4;
    c = 1;
    d = 2;
    callerId = 0;
    ringReports = false;
    java.util.Arrays.fill(s, 0);
    s[2] = 43; // escape character '+'
    s[3] = 13;
    s[4] = 10;
    s[5] = 8;
    s[7] = 50;
    s[8] = 2;
    s[12] = 50;
  }

  /** S0: auto-answer after this many rings, 0 = never. */
  int autoAnswerRings() {
    return s[0];
  }

  /** S7: how long a dialled call may ring before NO ANSWER. */
  Duration waitForCarrier() {
    return Duration.ofSeconds(Math.max(1, s[7]));
  }

  /** S8: the length of a {@code ,} pause. */
  Duration commaPause() {
    return Duration.ofSeconds(s[8]);
  }

  /** S12: the escape guard time, in fiftieths of a second; zero turns escape detection off. */
  Duration escapeGuard() {
    return Duration.ofMillis(s[12] * 20L);
  }
}
