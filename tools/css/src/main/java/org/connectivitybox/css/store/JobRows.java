package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The job-row statements shared by the connection and send/receive transactions. Every change
 * that takes a job out of OPENING is announced with {@link JobSignals#announce} inside the same
 * transaction, so that the node holding the sender's SEND hears of it when it commits.
 */
final class JobRows {
  static final String OPENING = "OPENING";
  static final String ACTIVE = "ACTIVE";
  static final String CLOSED = "CLOSED";

  private JobRows() {}

  /** The OPENING jobs whose {@code column} is {@code cbId}, oldest first, rows locked. */
  static List<LinkedJob> lockOpening(Connection c, String column, CbId cbId) {
    List<LinkedJob> jobs = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT * FROM jobs WHERE " + column
        + " = ? AND state = ? ORDER BY job_number FOR UPDATE")) {
      p.setString(1, cbId.value());
      p.setString(2, OPENING);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          jobs.add(LinkedJob.read(r));
        }
      }
      return jobs;
    } catch (SQLException e) {
      throw Sql.failure("cannot read the opening jobs of " + cbId, e);
    }
  }

  /** The ACTIVE jobs {@code cbId} sends without its final METERING yet, rows locked. */
  static List<LinkedJob> lockActiveAsSender(Connection c, CbId cbId) {
    List<LinkedJob> jobs = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT * FROM jobs WHERE sender_cb_id = ? "
        + "AND state = ? AND sender_result IS NULL ORDER BY job_number FOR UPDATE")) {
      p.setString(1, cbId.value());
      p.setString(2, ACTIVE);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          jobs.add(LinkedJob.read(r));
        }
      }
      return jobs;
    } catch (SQLException e) {
      throw Sql.failure("cannot read the active jobs of " + cbId, e);
    }
  }

  /** The job, its row locked until the transaction ends. */
  static java.util.Optional<LinkedJob> lock(Connection c, long jobNumber) {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT * FROM jobs WHERE job_number = ? FOR UPDATE")) {
      p.setLong(1, jobNumber);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? java.util.Optional.of(LinkedJob.read(r)) : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read job " + jobNumber, e);
    }
  }

  static void activate(Connection c, Database db, Instant now, long jobNumber, String address,
      int port) {
    update(c, jobNumber, "state = ?, receiver_address = ?, receiver_port = ?, activated_at = ?,"
        + " wakeup_deadline = NULL", now, ACTIVE, address, port, now);
    JobSignals.announce(c, db, jobNumber);
  }

  static void close(Connection c, Database db, Instant now, long jobNumber, String reason) {
    update(c, jobNumber, "state = ?, close_reason = ?", now, CLOSED, reason);
    JobSignals.announce(c, db, jobNumber);
  }

  static void update(Connection c, long jobNumber, String set, Instant now, Object... values) {
    try (PreparedStatement p = c.prepareStatement(
        "UPDATE jobs SET " + set + ", updated_at = ? WHERE job_number = ?")) {
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof Instant t) {
          Sql.setInstant(p, i + 1, t);
        } else {
          p.setObject(i + 1, values[i]);
        }
      }
      Sql.setInstant(p, values.length + 1, now);
      p.setLong(values.length + 2, jobNumber);
      if (p.executeUpdate() == 0) {
        throw new NotFoundException("no job " + jobNumber);
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot update job " + jobNumber, e);
    }
  }
}
