package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The connectivity manager's connection records, one per box, kept in the database so that any
 * CSS node can tell whether a receiver is online and at which address.
 *
 * <p>A connection transaction ({@link #locked}) reads and writes one box's row within one
 * database transaction that holds the box's subscriber row locked, so that two CSS nodes serving
 * the same box one after the other see each other's result and never interleave.
 *
 * <p>Thread-safe; failures are {@link StoreException}s.
 */
public final class Connections {
  private final Database db;
  private final Clock clock;

  public Connections(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Records that a box connected from an address, in the given state. */
  public ConnectionRecord connected(CbId cbId, String state, String address) {
    Instant now = clock.instant();
    write(cbId, "UPDATE connections SET state = ?, address = ?, connected_at = ?, "
        + "last_seen_at = ?, disconnected_at = NULL WHERE cb_id = ?",
        "INSERT INTO connections (state, address, connected_at, last_seen_at, cb_id) "
        + "VALUES (?, ?, ?, ?, ?)", state, address, now, now);
    return find(cbId).orElseThrow();
  }

  /** Records that a box disconnected, in the given state. */
  public ConnectionRecord disconnected(CbId cbId, String state) {
    Instant now = clock.instant();
    write(cbId, "UPDATE connections SET state = ?, address = NULL, data_transfer_port = NULL, "
        + "disconnected_at = ?, "
        + "last_seen_at = ? WHERE cb_id = ?",
        "INSERT INTO connections (state, disconnected_at, last_seen_at, cb_id) "
        + "VALUES (?, ?, ?, ?)", state, now, now);
    return find(cbId).orElseThrow();
  }

  /** The connection record of a box, if it ever connected. */
  public Optional<ConnectionRecord> find(CbId cbId) {
    try (Connection c = db.connection()) {
      return find(c, cbId);
    } catch (SQLException e) {
      throw Sql.failure("cannot read the connection of " + cbId, e);
    }
  }

  private static Optional<ConnectionRecord> find(Connection c, CbId cbId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT * FROM connections WHERE cb_id = ?")) {
      p.setString(1, cbId.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new ConnectionRecord(cbId, r.getString("state"),
            r.getString("address"), Sql.intOrNull(r, "data_transfer_port"),
            Sql.instant(r, "connected_at"), Sql.instant(r, "last_seen_at"),
            Sql.instant(r, "disconnected_at")));
      }
    }
  }

  /**
   * What a connection transaction reads of one box and how it writes the box's row; valid only
   * inside {@link #locked}. Every write stamps {@code last_seen_at} with the clock.
   */
  public interface Locked {
    /** The box's row as it was when the transaction began (then as last written). */
    Optional<ConnectionRecord> record();

    /** Whether the subscriber record is ACTIVE (read under the same lock). */
    boolean subscriberActive();

    /** The subscriber record's per-task sequence numbers, by task name; absent tasks are 0. */
    Map<String, Long> sequenceNumbers();

    /** Whether the box is an end of an {@code ACTIVE} job that still awaits its final METERING. */
    boolean inActiveJob();

    /** The box is connected from {@code address}: sets the state, address, port, connected_at. */
    void connected(String state, String address, int dataTransferPort);

    /** The box made a transaction and stays in {@code state}. */
    void seen(String state);

    /** The connection is gone: sets the state and disconnected_at, clears address and port. */
    void closed(String state);

    /**
     * The jobs waiting in OPENING for this box as their receiver, oldest first, their rows
     * locked until the transaction ends (after the subscriber row: the one lock order).
     */
    List<LinkedJob> openingJobsAsReceiver();

    /** The jobs waiting in OPENING with this box as their sender, their rows locked. */
    List<LinkedJob> openingJobsAsSender();

    /**
     * The ACTIVE jobs with this box as their sender whose final METERING it has not sent, rows
     * locked: a sender that lost its line calls again from a new address to resume them.
     */
    List<LinkedJob> activeJobsAsSender();

    /** Records the address a resuming sender now calls from (VERIFY checks it). */
    void moveSender(long jobNumber, String senderAddress);

    /**
     * Moves one of {@link #openingJobsAsReceiver()} to ACTIVE with the receiver's data-transfer
     * address, stamps {@code activated_at}, and announces the change ({@link JobSignals}).
     */
    void activateJob(long jobNumber, String receiverAddress, int receiverPort);

    /** Closes a job (state CLOSED) for {@code reason} and announces the change. */
    void closeJob(long jobNumber, String reason);
  }

  /**
   * Runs one connection transaction of a box: locks its subscriber row, lets {@code work} read
   * and write, and commits what it wrote; if {@code work} throws, nothing is written and the
   * exception goes on.
   *
   * @throws NotFoundException if there is no subscriber record for {@code cbId}
   * @throws StoreException if the database fails
   */
  public <T> T locked(CbId cbId, Function<Locked, T> work) {
    return Sql.inTransaction(db, "connection transaction of " + cbId + " failed", c -> {
      String status = Sql.lockSubscriber(c, cbId);
      return work.apply(new LockedRow(c, cbId, status, find(c, cbId)));
    });
  }

  private final class LockedRow implements Locked {
    private final Connection c;
    private final CbId cbId;
    private final String status;
    private Optional<ConnectionRecord> record;

    LockedRow(Connection c, CbId cbId, String status, Optional<ConnectionRecord> record) {
      this.c = c;
      this.cbId = cbId;
      this.status = status;
      this.record = record;
    }

    @Override
    public Optional<ConnectionRecord> record() {
      return record;
    }

    @Override
    public boolean subscriberActive() {
      return SubscriberStatus.ACTIVE.name().equals(status);
    }

    @Override
    public Map<String, Long> sequenceNumbers() {
      Map<String, Long> numbers = new TreeMap<>();
      try (PreparedStatement p = c.prepareStatement(
          "SELECT task, seq_value FROM sequence_numbers WHERE cb_id = ?")) {
        p.setString(1, cbId.value());
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            numbers.put(r.getString(1), r.getLong(2));
          }
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot read the sequence numbers of " + cbId, e);
      }
      return numbers;
    }

    @Override
    public boolean inActiveJob() {
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM jobs "
          + "WHERE state = 'ACTIVE' AND ((sender_cb_id = ? AND sender_result IS NULL) "
          + "OR (receiver_cb_id = ? AND receiver_result IS NULL))")) {
        p.setString(1, cbId.value());
        p.setString(2, cbId.value());
        try (ResultSet r = p.executeQuery()) {
          r.next();
          return r.getLong(1) > 0;
        }
      } catch (SQLException e) {
        throw Sql.failure("cannot read the jobs of " + cbId, e);
      }
    }

    @Override
    public void connected(String state, String address, int dataTransferPort) {
      Instant now = clock.instant();
      upsert("UPDATE connections SET state = ?, address = ?, data_transfer_port = ?, "
          + "connected_at = ?, last_seen_at = ?, disconnected_at = NULL WHERE cb_id = ?",
          "INSERT INTO connections (state, address, data_transfer_port, connected_at, "
          + "last_seen_at, cb_id) VALUES (?, ?, ?, ?, ?, ?)",
          state, address, dataTransferPort, now, now);
    }

    @Override
    public void seen(String state) {
      upsert("UPDATE connections SET state = ?, last_seen_at = ? WHERE cb_id = ?",
          "INSERT INTO connections (state, last_seen_at, cb_id) VALUES (?, ?, ?)",
          state, clock.instant());
    }

    @Override
    public void closed(String state) {
      Instant now = clock.instant();
      upsert("UPDATE connections SET state = ?, address = NULL, data_transfer_port = NULL, "
          + "disconnected_at = ?, last_seen_at = ? WHERE cb_id = ?",
          "INSERT INTO connections (state, disconnected_at, last_seen_at, cb_id) "
          + "VALUES (?, ?, ?, ?)", state, now, now);
    }

    @Override
    public List<LinkedJob> openingJobsAsReceiver() {
      return JobRows.lockOpening(c, "receiver_cb_id", cbId);
    }

    @Override
    public List<LinkedJob> openingJobsAsSender() {
      return JobRows.lockOpening(c, "sender_cb_id", cbId);
    }

    @Override
    public List<LinkedJob> activeJobsAsSender() {
      return JobRows.lockActiveAsSender(c, cbId);
    }

    @Override
    public void moveSender(long jobNumber, String senderAddress) {
      JobRows.update(c, jobNumber, "sender_address = ?", clock.instant(), senderAddress);
    }

    @Override
    public void activateJob(long jobNumber, String receiverAddress, int receiverPort) {
      JobRows.activate(c, db, clock.instant(), jobNumber, receiverAddress, receiverPort);
    }

    @Override
    public void closeJob(long jobNumber, String reason) {
      JobRows.close(c, db, clock.instant(), jobNumber, reason);
    }

    private void upsert(String update, String insert, Object... values) {
      try {
        try (PreparedStatement p = c.prepareStatement(update)) {
          bind(p, cbId, values);
          if (p.executeUpdate() == 0) {
            // The subscriber row lock keeps any other writer of this row out until commit.
            try (PreparedStatement i = c.prepareStatement(insert)) {
              bind(i, cbId, values);
              i.executeUpdate();
            }
          }
        }
        record = find(c, cbId);
      } catch (SQLException e) {
        throw Sql.failure("cannot record the connection of " + cbId, e);
      }
    }
  }

  private void write(CbId cbId, String update, String insert, Object... values) {
    try (Connection c = db.connection()) {
      for (int attempt = 0; ; attempt++) {
        try (PreparedStatement p = c.prepareStatement(update)) {
          bind(p, cbId, values);
          if (p.executeUpdate() == 1) {
            return;
          }
        }
        try (PreparedStatement p = c.prepareStatement(insert)) {
          bind(p, cbId, values);
          p.executeUpdate();
          return;
        } catch (SQLException e) {
          if (!Sql.isUniqueViolation(e) || attempt > 2) {
            throw e;
          }
        }
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot record the connection of " + cbId, e);
    }
  }

  private static void bind(PreparedStatement p, CbId cbId, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof Instant t) {
        Sql.setInstant(p, i + 1, t);
      } else {
        p.setObject(i + 1, values[i]);
      }
    }
    p.setString(values.length + 1, cbId.value());
  }
}
