package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The send/receive manager's transactions over the database: SEND, VERIFY and METERING each run
 * in one database transaction that holds the caller's subscriber row locked (as the connection
 * transactions do, {@link Connections#locked}) and, for METERING, the job's row.
 *
 * <p>Locks are taken in one order — the caller's subscriber row, then a job row — so the two ends
 * of a job reporting at once on two nodes wait for each other and never deadlock. The receiver
 * named in a SEND is read without a lock: a CONNECT or revocation landing at the same moment is
 * seen by the next SEND.
 *
 * <p>Thread-safe; failures are {@link StoreException}s.
 */
public final class JobTransactions {
  private final Database db;
  private final Clock clock;

  public JobTransactions(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** What a send/receive transaction reads and writes; valid only inside {@link #locked}. */
  public interface Locked {
    /** The caller's connection row as the transaction began. */
    Optional<ConnectionRecord> callerConnection();

    /** Stamps the caller's {@code last_seen_at} (the transaction restarts its inactivity timer). */
    void callerSeen();

    /**
     * Creates a job row and returns its new number, unique across nodes: ACTIVE with the
     * receiver's data-transfer address ({@code activated_at} stamped), or OPENING with no address
     * and the deadline of the wakeup.
     */
    long createJob(CbId sender, String senderAddress, CbId receiver, String receiverName,
        String receiverAddress, Integer receiverPort, String state, Instant wakeupDeadline);

    /** Whether another job already waits in OPENING for {@code receiver}'s wakeup. */
    boolean wakeupPending(CbId receiver);

    /** The job, its row locked until the transaction ends. */
    Optional<LinkedJob> lockJob(long jobNumber);

    /** Sets a job's state; entering ACTIVE stamps {@code activated_at} once. */
    void setJobState(long jobNumber, String state);

    /** Closes a job (state CLOSED) for {@code reason} and announces it ({@link JobSignals}). */
    void closeJob(long jobNumber, String reason);

    /** Records one end's final metering on the job. */
    void recordFinal(long jobNumber, Jobs.End end, Metering metering);

    /**
     * Posts the billing record within this transaction.
     *
     * @return false if the job had been billed already (the unique job number; nothing written)
     */
    boolean postBilling(BillingRecord record);
  }

  /**
   * Runs one send/receive transaction of {@code caller}: locks its subscriber row, lets {@code
   * work} read and write, and commits; if {@code work} throws, nothing is written.
   *
   * @throws NotFoundException if there is no subscriber record for {@code caller}
   * @throws StoreException if the database fails
   */
  public <T> T locked(CbId caller, Function<Locked, T> work) {
    return Sql.inTransaction(db, "send/receive transaction of " + caller + " failed", c -> {
      Sql.lockSubscriber(c, caller);
      return work.apply(new Tx(c, caller));
    });
  }

  /** What a transaction on one job (not of a caller) reads and writes; only inside it. */
  public interface JobLocked {
    /** The job as the transaction locked it. */
    LinkedJob job();

    /** Closes the job (state CLOSED) for {@code reason} and announces it. */
    void close(String reason);

    /** Sets the job's state. */
    void setState(String state);

    /** @see Locked#postBilling */
    boolean postBilling(BillingRecord record);
  }

  /**
   * Runs a transaction on one job, not on behalf of a box (a wakeup timeout, a failed wakeup, the
   * job timeout): locks the job's row only, lets {@code work} read and write, commits.
   *
   * @return empty if there is no such job (nothing ran)
   * @throws StoreException if the database fails
   */
  public <T> Optional<T> lockedJob(long jobNumber, Function<JobLocked, T> work) {
    return Sql.inTransaction(db, "transaction on job " + jobNumber + " failed", c -> {
      Optional<LinkedJob> job = JobRows.lock(c, jobNumber);
      if (job.isEmpty()) {
        return Optional.<T>empty();
      }
      Tx tx = new Tx(c, job.get().job().sender());
      return Optional.ofNullable(work.apply(new JobLocked() {
        @Override
        public LinkedJob job() {
          return job.get();
        }

        @Override
        public void close(String reason) {
          tx.closeJob(jobNumber, reason);
        }

        @Override
        public void setState(String state) {
          tx.setJobState(jobNumber, state);
        }

        @Override
        public boolean postBilling(BillingRecord record) {
          return tx.postBilling(record);
        }
      }));
    });
  }

  /** The job as committed, read without a lock. */
  public Optional<LinkedJob> find(long jobNumber) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT * FROM jobs WHERE job_number = ?")) {
      p.setLong(1, jobNumber);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(LinkedJob.read(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read job " + jobNumber, e);
    }
  }

  /** Numbers of the OPENING jobs whose wakeup deadline is before {@code t}. */
  public List<Long> openingUntil(Instant t) {
    return numbers("SELECT job_number FROM jobs WHERE state = 'OPENING' AND wakeup_deadline < ?",
        t);
  }

  /** Numbers of the ACTIVE jobs activated before {@code t}. */
  public List<Long> activeSince(Instant t) {
    return numbers("SELECT job_number FROM jobs WHERE state = 'ACTIVE' AND activated_at < ?", t);
  }

  /** Numbers of the OPENING jobs waiting for {@code receiver}. */
  public List<Long> openingFor(CbId receiver) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT job_number FROM jobs WHERE state = 'OPENING' AND receiver_cb_id = ?")) {
      p.setString(1, receiver.value());
      return numbers(p);
    } catch (SQLException e) {
      throw Sql.failure("cannot read the jobs waiting for " + receiver, e);
    }
  }

  private List<Long> numbers(String sql, Instant t) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        sql + " ORDER BY job_number")) {
      Sql.setInstant(p, 1, t);
      return numbers(p);
    } catch (SQLException e) {
      throw Sql.failure("cannot list jobs", e);
    }
  }

  private static List<Long> numbers(PreparedStatement p) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (ResultSet r = p.executeQuery()) {
      while (r.next()) {
        out.add(r.getLong(1));
      }
    }
    return out;
  }

  private final class Tx implements Locked {
    private final Connection c;
    private final CbId caller;

    Tx(Connection c, CbId caller) {
      this.c = c;
      this.caller = caller;
    }

    @Override
    public Optional<ConnectionRecord> callerConnection() {
      try (PreparedStatement p = c.prepareStatement("SELECT * FROM connections WHERE cb_id = ?")) {
        p.setString(1, caller.value());
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new ConnectionRecord(caller, r.getString("state"),
              r.getString("address"), Sql.intOrNull(r, "data_transfer_port"),
              Sql.instant(r, "connected_at"), Sql.instant(r, "last_seen_at"),
              Sql.instant(r, "disconnected_at")));
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot read the connection of " + caller, e);
      }
    }

    @Override
    public void callerSeen() {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE connections SET last_seen_at = ? WHERE cb_id = ?")) {
        Sql.setInstant(p, 1, clock.instant());
        p.setString(2, caller.value());
        p.executeUpdate();
      } catch (SQLException e) {
        throw Sql.failure("cannot record the connection of " + caller, e);
      }
    }

    @Override
    public long createJob(CbId sender, String senderAddress, CbId receiver, String receiverName,
        String receiverAddress, Integer receiverPort, String state, Instant wakeupDeadline) {
      Instant now = clock.instant();
      try (PreparedStatement p = c.prepareStatement("INSERT INTO jobs (sender_cb_id, "
          + "receiver_cb_id, state, created_at, updated_at, sender_address, receiver_name, "
          + "receiver_address, receiver_port, wakeup_deadline, activated_at) "
          + "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, sender.value());
        p.setString(2, receiver.value());
        p.setString(3, state);
        Sql.setInstant(p, 4, now);
        Sql.setInstant(p, 5, now);
        p.setString(6, senderAddress);
        p.setString(7, receiverName);
        p.setString(8, receiverAddress);
        Sql.setInt(p, 9, receiverPort);
        Sql.setInstant(p, 10, wakeupDeadline);
        Sql.setInstant(p, 11, JobRows.ACTIVE.equals(state) ? now : null);
        p.executeUpdate();
        try (ResultSet keys = p.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot create a job from " + sender + " to " + receiver, e);
      }
    }

    @Override
    public Optional<LinkedJob> lockJob(long jobNumber) {
      return JobRows.lock(c, jobNumber);
    }

    @Override
    public boolean wakeupPending(CbId receiver) {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE "
          + "receiver_cb_id = ? AND state = 'OPENING' AND wakeup_deadline > ?")) {
        p.setString(1, receiver.value());
        Sql.setInstant(p, 2, clock.instant());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return r.getLong(1) > 0;
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot read the jobs waiting for " + receiver, e);
      }
    }

    @Override
    public void closeJob(long jobNumber, String reason) {
      JobRows.close(c, db, clock.instant(), jobNumber, reason);
    }

    @Override
    public void setJobState(long jobNumber, String state) {
      if (JobRows.ACTIVE.equals(state)) {
        // Entering ACTIVE starts the job timeout.
        update(jobNumber, "state = ?, activated_at = COALESCE(activated_at, ?)", state,
            clock.instant());
      } else {
        update(jobNumber, "state = ?", state);
      }
    }

    @Override
    public void recordFinal(long jobNumber, Jobs.End end, Metering m) {
      String prefix = end == Jobs.End.SENDER ? "sender_" : "receiver_";
      update(jobNumber, prefix + "bytes = ?, " + prefix + "pages = ?, " + prefix + "result = ?",
          m.bytes(), m.pages(), m.result());
    }

    private void update(long jobNumber, String set, Object... values) {
      JobRows.update(c, jobNumber, set, clock.instant(), values);
    }

    @Override
    public boolean postBilling(BillingRecord b) {
      Savepoint before = null;
      try {
        // PostgreSQL aborts the whole transaction on a failed statement: a savepoint keeps
        // the rest of it when the job turns out to be billed already.
        before = c.setSavepoint();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO billing_records (job_number, "
            + "sender_cb_id, receiver_cb_id, bytes, pages, result, job_started_at, job_ended_at, "
            + "posted_at) VALUES (?,?,?,?,?,?,?,?,?)")) {
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
        }
        c.releaseSavepoint(before);
        return true;
      } catch (SQLException e) {
        if (Sql.isUniqueViolation(e) && before != null) {
          try {
            c.rollback(before);
          } catch (SQLException r) {
            throw Sql.failure("cannot roll back a second posting of job " + b.jobNumber(), r);
          }
          return false;
        }
        throw Sql.failure("cannot post the billing record of job " + b.jobNumber(), e);
      }
    }
  }
}
