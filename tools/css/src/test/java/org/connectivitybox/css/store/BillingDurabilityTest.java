package org.connectivitybox.css.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

/**
 * A committed billing record survives a killed CSS: a child JVM posts records to the embedded
 * database and is killed with SIGKILL right after the commits return; the records are there when
 * the database is opened again.
 */
class BillingDurabilityTest {

  /** The child: posts N billing records, says so, then waits to be killed. */
  public static final class PostingChild {
    public static void main(String[] args) throws Exception {
      Database db = Database.embedded(Path.of(args[0]));
      BillingRecords billing = new BillingRecords(db, Clock.systemUTC());
      int n = Integer.parseInt(args[1]);
      for (int i = 1; i <= n; i++) {
        billing.post(record(i));
      }
      System.out.println("POSTED " + n);
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  static BillingRecord record(long job) {
    return new BillingRecord(job, CbId.of("cb-a"), CbId.of("cb-b"), 100 * job, 1, "OK",
        Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:01:00Z"), null);
  }

  @Test
  void aCommittedBillingRecordSurvivesKillDashNine() throws Exception {
    Path folder = TestDatabases.h2Folder();
    Process child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PostingChild.class.getName(),
        folder.toString(), "25"))
        .redirectErrorStream(true).start();
    try {
      child.getOutputStream().close();
      BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null && !line.equals("POSTED 25")) {
        seen.append(line).append('\n');
      }
      assertEquals("POSTED 25", line, "the child did not post; it said:\n" + seen);
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no database close
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, child.exitValue(), "the child must die of SIGKILL");
    } finally {
      child.destroyForcibly();
    }
    try (Database db = Database.embedded(folder)) {
      BillingRecords billing = new BillingRecords(db, Clock.systemUTC());
      assertEquals(25, billing.latest(100).size());
      assertEquals(2500, billing.find(25).orElseThrow().bytes());
    }
  }
}
