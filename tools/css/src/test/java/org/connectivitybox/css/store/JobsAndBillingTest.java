package org.connectivitybox.css.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JobsAndBillingTest {
  static final CbId A = CbId.of("cb-a");
  static final CbId B = CbId.of("cb-b");

  static List<TestDatabases.Named> databases() {
    return TestDatabases.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void jobsAreNumberedAndCarryTheMeteringOfEachEnd(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      Jobs jobs = new Jobs(db, SubscriberRecordsTest.CLOCK);
      Job first = jobs.create(A, B, "WAKING");
      Job second = jobs.create(B, A, "WAKING");
      assertNotEquals(first.jobNumber(), second.jobNumber());
      jobs.setState(first.jobNumber(), "TRANSFERRING");
      jobs.recordMetering(first.jobNumber(), Jobs.End.SENDER, new Metering(1000, 2, "OK"));
      Job done = jobs.recordMetering(first.jobNumber(), Jobs.End.RECEIVER,
          new Metering(990, 2, "OK"));
      assertEquals("TRANSFERRING", done.state());
      assertEquals(Optional.of(new Metering(1000, 2, "OK")), done.senderMetering());
      assertEquals(Optional.of(new Metering(990, 2, "OK")), done.receiverMetering());
      assertEquals(Optional.empty(), second.senderMetering());
      assertEquals(List.of(second.jobNumber(), first.jobNumber()),
          jobs.latest(10).stream().map(Job::jobNumber).toList());
      assertThrows(NotFoundException.class, () -> jobs.setState(999_999, "DONE"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aBillingRecordIsPostedExactlyOncePerJob(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      BillingRecords billing = new BillingRecords(db, SubscriberRecordsTest.CLOCK);
      BillingRecord r = new BillingRecord(7, A, B, 1234, 3, "OK",
          Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:01:00Z"), null);
      assertTrue(billing.post(r));
      assertFalse(billing.post(r));
      BillingRecord stored = billing.find(7).orElseThrow();
      assertEquals(1234, stored.bytes());
      assertEquals(SubscriberRecordsTest.CLOCK.instant(), stored.postedAt());
      assertEquals(1, billing.latest(10).size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void connectionsKeepTheLatestStateAndAddressOfABox(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      new SubscriberRecords(db, SubscriberRecordsTest.CLOCK).create(SubscriberRecordsTest.alice());
      Connections connections = new Connections(db, SubscriberRecordsTest.CLOCK);
      CbId alice = SubscriberRecordsTest.alice().cbId();
      assertEquals("127.0.0.9", connections.connected(alice, "CONNECTED", "127.0.0.9").address());
      ConnectionRecord gone = connections.disconnected(alice, "DISCONNECTED");
      assertEquals("DISCONNECTED", gone.state());
      assertEquals(null, gone.address());
      assertEquals("127.0.0.10",
          connections.connected(alice, "CONNECTED", "127.0.0.10").address());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aManifestImportsAllRowsOrNone(TestDatabases.Named kind) throws Exception {
    try (Database db = kind.kind().open()) {
      LegitimateSerials serials = new LegitimateSerials(db, SubscriberRecordsTest.CLOCK);
      String hash = "ab".repeat(32);
      String manifest = FactoryManifest.HEADER + "\n"
          + "CB0000001,CB0000001@config,"  + hash + "," + hash + ",2051-01-01T00:00:00Z\n"
          + "CB0000002,CB0000002@config,"  + hash + "," + hash + ",2051-01-01T00:00:00Z\n";
      assertEquals(2, serials.importRows(FactoryManifest.parse(manifest, "batch1.csv")));
      assertEquals(2, serials.importRows(FactoryManifest.parse(manifest, "batch1.csv")));
      assertEquals(2, serials.count());
      LegitimateSerial one = serials.find(SerialNumber.of("CB0000001")).orElseThrow();
      assertEquals("batch1.csv", one.importedFrom());
      assertEquals(hash, one.certificateSha256());
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> FactoryManifest.parse(FactoryManifest.HEADER + "\nCB3,u,xyz," + hash + ",2051-01-01T00:00:00Z\n",
              "bad.csv"));
      assertEquals("bad.csv line 2: config_password_sha256 must be 64 lower-case hex digits",
          bad.getMessage());
    }
  }
}
