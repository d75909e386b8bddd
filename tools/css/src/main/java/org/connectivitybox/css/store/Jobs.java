package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The jobs: numbered by the database, so job numbers are unique across CSS nodes.
 *
 * <p>Thread-safe; failures are {@link StoreException}s, a missing job a {@link NotFoundException}.
 */
public final class Jobs {
  /** Which end of a job reports a metering. */
  public enum End { SENDER, RECEIVER }

  private final Database db;
  private final Clock clock;

  public Jobs(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates a job and returns it with its new job number. */
  public Job create(CbId sender, CbId receiver, String state) {
    Instant now = clock.instant();
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "INSERT INTO jobs (sender_cb_id, receiver_cb_id, state, created_at, updated_at) "
            + "VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      p.setString(1, sender.value());
      p.setString(2, receiver.value());
      p.setString(3, requireState(state));
      Sql.setInstant(p, 4, now);
      Sql.setInstant(p, 5, now);
      p.executeUpdate();
      try (ResultSet keys = p.getGeneratedKeys()) {
        keys.next();
        return find(keys.getLong(1)).orElseThrow();
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot create a job from " + sender + " to " + receiver, e);
    }
  }

  /** Sets a job's state. */
  public Job setState(long jobNumber, String state) {
    update(jobNumber, "state = ?", p -> p.setString(1, requireState(state)));
    return find(jobNumber).orElseThrow();
  }

  /** Records the metering one end reported; a later report of the same end replaces it. */
  public Job recordMetering(long jobNumber, End end, Metering m) {
    String prefix = end == End.SENDER ? "sender_" : "receiver_";
    update(jobNumber, prefix + "bytes = ?, " + prefix + "pages = ?, " + prefix + "result = ?",
        p -> {
          p.setLong(1, m.bytes());
          p.setInt(2, m.pages());
          p.setString(3, m.result());
        });
    return find(jobNumber).orElseThrow();
  }

  /** A job by number. */
  public Optional<Job> find(long jobNumber) {
    List<Job> found = query("WHERE job_number = ?", jobNumber);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The latest jobs, newest first. */
  public List<Job> latest(int limit) {
    return query("ORDER BY job_number DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY");
  }

  private interface Binder {
    void bind(PreparedStatement p) throws SQLException;
  }

  private void update(long jobNumber, String set, Binder binder) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "UPDATE jobs SET " + set + ", updated_at = ? WHERE job_number = ?")) {
      binder.bind(p);
      int n = p.getParameterMetaData().getParameterCount();
      Sql.setInstant(p, n - 1, clock.instant());
      p.setLong(n, jobNumber);
      if (p.executeUpdate() == 0) {
        throw new NotFoundException("no job " + jobNumber);
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot update job " + jobNumber, e);
    }
  }

  private List<Job> query(String tail, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement p = c.prepareStatement("SELECT * FROM jobs " + tail)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      List<Job> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(read(r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Sql.failure("cannot read jobs", e);
    }
  }

  /** The job on the current row of {@code r}. */
  static Job read(ResultSet r) throws SQLException {
    return new Job(r.getLong("job_number"), CbId.of(r.getString("sender_cb_id")),
        CbId.of(r.getString("receiver_cb_id")), r.getString("state"),
        metering(r, "sender_"), metering(r, "receiver_"), Sql.instant(r, "created_at"),
        Sql.instant(r, "updated_at"));
  }

  private static Optional<Metering> metering(ResultSet r, String prefix) throws SQLException {
    Long bytes = Sql.longOrNull(r, prefix + "bytes");
    if (bytes == null) {
      return Optional.empty();
    }
    return Optional.of(new Metering(bytes, r.getInt(prefix + "pages"),
        r.getString(prefix + "result")));
  }

  private static String requireState(String state) {
    if (state == null || state.isBlank() || state.length() > 16) {
      throw new IllegalArgumentException("a job state is 1 to 16 characters");
    }
    return state;
  }
}
