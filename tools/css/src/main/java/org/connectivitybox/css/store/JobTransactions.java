package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
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

    /** Creates a job row in {@code state} and returns its new number, unique across nodes. */
    long createJob(CbId sender, String senderAddress, CbId receiver, String receiverName,
        String receiverAddress, int receiverPort, String state);

    /** The job, its row locked until the transaction ends. */
    Optional<LinkedJob> lockJob(long jobNumber);

    /** Sets a job's state. */
    void setJobState(long jobNumber, String state);

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
        String receiverAddress, int receiverPort, String state) {
      Instant now = clock.instant();
      try (PreparedStatement p = c.prepareStatement("INSERT INTO jobs (sender_cb_id, "
          + "receiver_cb_id, state, created_at, updated_at, sender_address, receiver_name, "
          + "receiver_address, receiver_port) VALUES (?,?,?,?,?,?,?,?,?)",
          Statement.RETURN_GENERATED_KEYS)) {
        p.setString(1, sender.value());
        p.setString(2, receiver.value());
        p.setString(3, state);
        Sql.setInstant(p, 4, now);
        Sql.setInstant(p, 5, now);
        p.setString(6, senderAddress);
        p.setString(7, receiverName);
        p.setString(8, receiverAddress);
        p.setInt(9, receiverPort);
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
      try (PreparedStatement p = c.prepareStatement(
          "SELECT * FROM jobs WHERE job_number = ? FOR UPDATE")) {
        p.setLong(1, jobNumber);
        try (ResultSet r = p.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          return Optional.of(new LinkedJob(Jobs.read(r), r.getString("sender_address"),
              r.getString("receiver_name"), r.getString("receiver_address"),
              Sql.intOrNull(r, "receiver_port")));
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot read job " + jobNumber, e);
      }
    }

    @Override
    public void setJobState(long jobNumber, String state) {
      update(jobNumber, "state = ?", state);
    }

    @Override
    public void recordFinal(long jobNumber, Jobs.End end, Metering m) {
      String prefix = end == Jobs.End.SENDER ? "sender_" : "receiver_";
      update(jobNumber, prefix + "bytes = ?, " + prefix + "pages = ?, " + prefix + "result = ?",
          m.bytes(), m.pages(), m.result());
    }

    private void update(long jobNumber, String set, Object... values) {
      try (PreparedStatement p = c.prepareStatement(
          "UPDATE jobs SET " + set + ", updated_at = ? WHERE job_number = ?")) {
        for (int i = 0; i < values.length; i++) {
          p.setObject(i + 1, values[i]);
        }
        Sql.setInstant(p, values.length + 1, clock.instant());
        p.setLong(values.length + 2, jobNumber);
        if (p.executeUpdate() == 0) {
          throw new NotFoundException("no job " + jobNumber);
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot update job " + jobNumber, e);
      }
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
