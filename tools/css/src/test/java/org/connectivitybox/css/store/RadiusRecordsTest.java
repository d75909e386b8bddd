package org.connectivitybox.css.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What migration V5 added: serial revocation, NAP password hashes and NAP sessions. */
class RadiusRecordsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
  static final SerialNumber SERIAL = SerialNumber.of("CB0000001");

  static List<TestDatabases.Named> databases() {
    return TestDatabases.all();
  }

  static LegitimateSerial serial(String passwordSha256) {
    return new LegitimateSerial(SERIAL, "CB0000001@config.cb.example", passwordSha256,
        "ab".repeat(32), Instant.parse("2051-01-01T00:00:00Z"), "batch-1.csv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aRevokedSerialStaysRevokedWhenTheManifestIsImportedAgain(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      LegitimateSerials serials = new LegitimateSerials(db, CLOCK);
      serials.importRows(List.of(serial("0f".repeat(32))));
      assertFalse(serials.find(SERIAL).orElseThrow().isRevoked());
      LegitimateSerial revoked = serials.revoke(SERIAL);
      assertEquals(CLOCK.instant(), revoked.revokedAt());
      serials.importRows(List.of(serial("1e".repeat(32))));
      LegitimateSerial again = serials.find(SERIAL).orElseThrow();
      assertEquals(CLOCK.instant(), again.revokedAt());
      assertEquals("1e".repeat(32), again.passwordSha256());
      assertEquals(1, serials.count());
      assertThrows(NotFoundException.class, () -> serials.revoke(SerialNumber.of("CB9")));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aNapPasswordIsKeptOnlyAsASaltedHash(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      SubscriberRecords records = new SubscriberRecords(db, CLOCK);
      CbId alice = CbId.of("cb-alice");
      records.create(SubscriberRecord.newSubscriber(alice, "Alice",
          new TelephoneNumber("5550100"), ZoneId.of("UTC")));
      assertNull(records.napCredential(alice).orElseThrow().passwordHash());
      assertFalse(records.napCredential(alice).orElseThrow().matches("x".toCharArray()));

      records.setNapPassword(alice, "first-password".toCharArray());
      NapCredential first = records.napCredential(alice).orElseThrow();
      assertTrue(first.passwordHash().startsWith("pbkdf2-sha256$"), first.passwordHash());
      assertFalse(first.passwordHash().contains("first-password"));
      assertTrue(first.matches("first-password".toCharArray()));
      assertFalse(first.matches("first-passwor".toCharArray()));
      assertFalse(first.matches(new char[0]));
      assertEquals(SubscriberStatus.ACTIVE, first.status());
      records.setNapPassword(alice, "first-password".toCharArray());
      assertFalse(first.passwordHash().equals(
          records.napCredential(alice).orElseThrow().passwordHash()), "a fresh salt each time");

      char[] generated = records.generateNapPassword(alice);
      assertEquals(SubscriberRecords.GENERATED_PASSWORD_LENGTH, generated.length);
      assertTrue(new String(generated).matches("[A-Za-z0-9]{24}"));
      NapCredential now = records.napCredential(alice).orElseThrow();
      assertTrue(now.matches(generated));
      assertFalse(now.matches("first-password".toCharArray()));
      assertFalse(records.napCredential(alice).toString().contains("pbkdf2"));

      records.setStatus(alice, SubscriberStatus.REVOKED);
      assertEquals(SubscriberStatus.REVOKED, records.napCredential(alice).orElseThrow().status());
      assertThrows(NotFoundException.class,
          () -> records.setNapPassword(CbId.of("cb-nobody"), "p".toCharArray()));
      assertThrows(IllegalArgumentException.class,
          () -> records.setNapPassword(alice, "has space".toCharArray()));
      assertThrows(IllegalArgumentException.class, () -> records.setNapPassword(alice,
          new char[0]));
      assertTrue(records.napCredential(CbId.of("cb-nobody")).isEmpty());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aNapSessionIsStartedUpdatedAndStopped(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      NapSessions sessions = new NapSessions(db, CLOCK);
      sessions.started(report("s-1", "127.1.0.7", null, null));
      NapSession s = sessions.latest(10).get(0);
      assertEquals(NapSession.State.STARTED, s.state());
      assertEquals("127.1.0.7", s.framedIpAddress());
      assertNull(s.stoppedAt());
      sessions.updated(report("s-1", null, 30L, null));
      s = sessions.latest(10).get(0);
      assertEquals(NapSession.State.STARTED, s.state());
      assertEquals("127.1.0.7", s.framedIpAddress(), "kept when the Interim does not say it");
      assertEquals(30L, s.sessionSeconds());
      sessions.stopped(report("s-1", "127.1.0.7", 60L, 1));
      s = sessions.latest(10).get(0);
      assertEquals(NapSession.State.STOPPED, s.state());
      assertEquals(CLOCK.instant(), s.stoppedAt());
      assertEquals(1, s.terminateCause());
      // A Stop whose Start was lost still makes a row; the same id at another NAS is another.
      sessions.stopped(new NapSessions.Report("nap2", "s-1", "u@x", NapSession.LoginKind.OTHER,
          null, null, null, null, null, 5L, null, null, null));
      assertEquals(2, sessions.latest(10).size());
      assertEquals(1, sessions.latest(1).size());
    }
  }

  private static NapSessions.Report report(String id, String address, Long seconds,
      Integer cause) {
    return new NapSessions.Report("nap1", id, "CB0000001@config.cb.example",
        NapSession.LoginKind.CONFIGURATION, "CB0000001", null, address, "5551001", "0845",
        seconds, seconds == null ? null : 100L, seconds == null ? null : 200L, cause);
  }

  @Test
  void theManifestHashIsTheSha256OfThePasswordBytes() {
    // echo -n abc | sha256sum
    assertArrayEquals(java.util.HexFormat.of().parseHex(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        NapPasswordHash.sha256("abc".toCharArray()));
    assertFalse(NapPasswordHash.matches("abc".toCharArray(), "plain$1$AA$AA"));
    assertFalse(NapPasswordHash.matches("abc".toCharArray(), "pbkdf2-sha256$x$AA$AA"));
  }
}
