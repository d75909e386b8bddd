package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The SRMS's billing records. A record is posted exactly once per job: the database's unique
 * job number turns a second posting (a retried METERING, a second node) into a no-op.
 *
 * <p>Thread-safe; a posting has been committed when {@link #post} returns.
 */
public final class BillingRecords {
  private final Database db;
  private final Clock clock;

  public BillingRecords(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Posts the billing record of a job.
   *
   * @return true if this call posted it, false if the job had been billed already
   * @throws StoreException if the database fails
   */
  public boolean post(BillingRecord b) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO billing_records (job_number, sender_cb_id, receiver_cb_id, bytes, pages, "
            + "result, job_started_at, job_ended_at, posted_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
      p.setLong(1, b.jobNumber());
      p.setString(2, b.sender().value());
      p.setString(3, b.receiver().value());
      p.setLong(4, b.bytes());
      p.setInt(5, b.pages());
      p.setString(6, b.result());
      Sql.setInstant(p, 7, b.jobStartedAt());
      Sql.setInstant(p, 8, b.jobEndedAt());
      Sql.setInstant(p, 9, clock.instant());
      p.executeUpdate();
      return true;
    } catch (SQLException e) {
      if (Sql.isUniqueViolation(e)) {
        return false;
      }
      throw Sql.failure("cannot post the billing record of job " + b.jobNumber(), e);
    }
  }

  /** The billing record of a job, if posted. */
  public Optional<BillingRecord> find(long jobNumber) {
    List<BillingRecord> found = query("WHERE job_number = ?", jobNumber);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The latest billing records, newest first. */
  public List<BillingRecord> latest(int limit) {
    return query("ORDER BY record_id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY");
  }

  private List<BillingRecord> query(String tail, Object... args) {
    try (Connection c = db.connection(); PreparedStatement p =
        c.prepareStatement("SELECT * FROM billing_records " + tail)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<BillingRecord> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new BillingRecord(r.getLong("job_number"), CbId.of(r.getString("sender_cb_id")),
              CbId.of(r.getString("receiver_cb_id")), r.getLong("bytes"), r.getInt("pages"),
              r.getString("result"), Sql.instant(r, "job_started_at"),
              Sql.instant(r, "job_ended_at"), Sql.instant(r, "posted_at")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Sql.failure("cannot read billing records", e);
    }
  }
}
