package org.connectivitybox.css.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SubscriberRecordsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  static List<TestDatabases.Named> databases() {
    return TestDatabases.all();
  }

  static SubscriberRecord alice() {
    return SubscriberRecord.newSubscriber(CbId.of("cb-alice"), "Alice's box",
        new TelephoneNumber("+3215551234"), ZoneId.of("Europe/Brussels"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aCreatedSubscriberReadsBackWithItsRulesAndTimestamps(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      SubscriberRecords records = new SubscriberRecords(db, CLOCK);
      SubscriberRules rules = new SubscriberRules(SenderRule.LIST,
          List.of(CbId.of("cb-bob"), CbId.of("cb-carol")), AllowedHours.parse("22:00", "06:00"));
      SubscriberRecord stored = records.create(alice().withRules(rules)
          .withSerialNumber(SerialNumber.of("CB0000001")));
      assertEquals(CLOCK.instant(), stored.createdAt());
      assertEquals(rules, stored.rules());
      assertEquals("Europe/Brussels", stored.timeZone().getId());
      assertEquals(SerialNumber.of("CB0000001"), stored.serialNumber().orElseThrow());
      assertTrue(stored.rules().allowedHours().contains(LocalTime.of(23, 30)));
      assertFalse(stored.rules().allowedHours().contains(LocalTime.of(12, 0)));
      assertEquals(List.of(stored), records.list());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTakenCbNameIsAConflict(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      SubscriberRecords records = new SubscriberRecords(db, CLOCK);
      records.create(alice());
      SubscriberRecord other = SubscriberRecord.newSubscriber(CbId.of("cb-other"),
          "Alice's box", new TelephoneNumber("5551234"), ZoneId.of("UTC"));
      ConflictException e = assertThrows(ConflictException.class, () -> records.create(other));
      assertEquals("CB name 'Alice's box' is taken", e.getMessage());
      assertThrows(ConflictException.class, () -> records.create(alice()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void updateReplacesRulesAndRevokeChangesOnlyTheStatus(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      SubscriberRecords records = new SubscriberRecords(db, CLOCK);
      records.create(alice().withRules(new SubscriberRules(SenderRule.LIST,
          List.of(CbId.of("cb-bob")), AllowedHours.ALL_DAY)));
      SubscriberRules open = SubscriberRules.OPEN;
      assertEquals(open, records.update(alice().withRules(open)).rules());
      SubscriberRecord revoked = records.setStatus(alice().cbId(), SubscriberStatus.REVOKED);
      assertEquals(SubscriberStatus.REVOKED, revoked.status());
      assertEquals(open, revoked.rules());
      assertThrows(NotFoundException.class,
          () -> records.setStatus(CbId.of("nobody"), SubscriberStatus.REVOKED));
      assertThrows(NotFoundException.class, () -> records.update(
          SubscriberRecord.newSubscriber(CbId.of("nobody"), "x", new TelephoneNumber("123"),
              ZoneId.of("UTC"))));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void sequenceNumbersAdvancePerTaskWithoutGapsUnderConcurrency(TestDatabases.Named kind)
      throws Exception {
    try (Database db = kind.kind().open()) {
      SubscriberRecords records = new SubscriberRecords(db, CLOCK);
      records.create(alice());
      assertEquals(0, records.sequenceNumber(alice().cbId(), "CONNECT"));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Long>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
          all.add(pool.submit(() -> records.nextSequenceNumber(alice().cbId(), "CONNECT")));
        }
        java.util.Set<Long> seen = new java.util.TreeSet<>();
        for (Future<Long> f : all) {
          seen.add(f.get());
        }
        assertEquals(40, seen.size());
        assertEquals(40L, ((java.util.TreeSet<Long>) seen).last());
      } finally {
        pool.shutdownNow();
      }
      assertEquals(1, records.nextSequenceNumber(alice().cbId(), "DISCONNECT"));
      assertThrows(NotFoundException.class,
          () -> records.nextSequenceNumber(CbId.of("nobody"), "CONNECT"));
    }
  }
}
