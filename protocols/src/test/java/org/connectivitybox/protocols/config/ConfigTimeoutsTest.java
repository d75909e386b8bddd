package org.connectivitybox.protocols.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ConfigTimeouts")
class ConfigTimeoutsTest {
  private static final Duration S = Duration.ofSeconds(1);

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    ConfigTimeouts d = ConfigTimeouts.DEFAULTS;
    assertEquals(Duration.ofSeconds(90), d.callSetup());
    assertEquals(Duration.ofSeconds(45), d.login());
    assertEquals(Duration.ofMinutes(10), d.download());
    assertEquals(Duration.ofMinutes(1), d.retryInitial());
    assertEquals(Duration.ofHours(2), d.retryMax());
  }

  @Test
  void zeroNegativeMissingAndOverADayAreRefusedNamingTheTimeout() {
    assertEquals("callSetup must be between 1 s and 86400 s: PT0S", assertThrows(
        IllegalArgumentException.class, () -> new ConfigTimeouts(Duration.ZERO, S, S, S, S))
        .getMessage());
    assertEquals("login must be between 1 s and 86400 s: PT-1S", assertThrows(
        IllegalArgumentException.class,
        () -> new ConfigTimeouts(S, Duration.ofSeconds(-1), S, S, S)).getMessage());
    assertEquals("download must be between 1 s and 86400 s: null", assertThrows(
        IllegalArgumentException.class, () -> new ConfigTimeouts(S, S, null, S, S)).getMessage());
    assertEquals("retryMax must be between 1 s and 86400 s: PT24H0.001S", assertThrows(
        IllegalArgumentException.class,
        () -> new ConfigTimeouts(S, S, S, S, Duration.ofDays(1).plusMillis(1))).getMessage());
    assertEquals(Duration.ofDays(1),
        new ConfigTimeouts(S, S, S, S, Duration.ofDays(1)).retryMax());
  }

  @Test
  void retriesMustNotBeInverted() {
    assertEquals("retryMax (59 s) is shorter than retryInitial (60 s)", assertThrows(
        IllegalArgumentException.class,
        () -> new ConfigTimeouts(S, S, S, Duration.ofSeconds(60), Duration.ofSeconds(59)))
        .getMessage());
    assertEquals(Duration.ofSeconds(60),
        new ConfigTimeouts(S, S, S, Duration.ofSeconds(60), Duration.ofSeconds(60)).retryMax());
  }
}
