package org.connectivitybox.css.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * The subscriber records, their rules and their per-task sequence numbers.
 *
 * <p>Thread-safe; each call is one transaction. Uniqueness (CB ID, CB name, serial number) is
 * the database's: a violation is a {@link ConflictException}, a missing record a {@link
 * NotFoundException}, anything else a {@link StoreException}.
 */
public final class SubscriberRecords {
  private static final String COLUMNS = "cb_id, cb_name, serial_number, telephone_number, "
      + "time_zone, senders, allowed_from_minute, allowed_until_minute, status, created_at, "
      + "updated_at";

  private final Database db;
  private final Clock clock;

  public SubscriberRecords(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Stores a new subscriber record and returns it as stored. */
  public SubscriberRecord create(SubscriberRecord s) {
    Instant now = clock.instant();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        insert(c, s, now);
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw conflictOr(e, s, "cannot create subscriber " + s.cbId());
    }
    return find(s.cbId()).orElseThrow();
  }

  /** Inserts a subscriber row and its allowed senders inside the caller's transaction. */
  static void insert(Connection c, SubscriberRecord s, Instant now) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO subscribers (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      p.setString(1, s.cbId().value());
      p.setString(2, s.cbName());
      p.setString(3, s.serialNumber().map(SerialNumber::value).orElse(null));
      p.setString(4, s.telephoneNumber().value());
      p.setString(5, s.timeZone().getId());
      p.setString(6, s.rules().senders().name());
      p.setInt(7, s.rules().allowedHours().fromMinute());
      p.setInt(8, s.rules().allowedHours().untilMinute());
      p.setString(9, s.status().name());
      Sql.setInstant(p, 10, now);
      Sql.setInstant(p, 11, now);
      p.executeUpdate();
    }
    writeAllowedSenders(c, s.cbId(), s.rules());
  }

  /**
   * Replaces the CB name, serial number, telephone number, time zone and rules of a subscriber;
   * its status and creation time stay.
   */
  public SubscriberRecord update(SubscriberRecord s) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("UPDATE subscribers SET cb_name = ?, "
          + "serial_number = ?, telephone_number = ?, time_zone = ?, senders = ?, "
          + "allowed_from_minute = ?, allowed_until_minute = ?, updated_at = ? WHERE cb_id = ?")) {
        p.setString(1, s.cbName());
        p.setString(2, s.serialNumber().map(SerialNumber::value).orElse(null));
        p.setString(3, s.telephoneNumber().value());
        p.setString(4, s.timeZone().getId());
        p.setString(5, s.rules().senders().name());
        p.setInt(6, s.rules().allowedHours().fromMinute());
        p.setInt(7, s.rules().allowedHours().untilMinute());
        Sql.setInstant(p, 8, clock.instant());
        p.setString(9, s.cbId().value());
        if (p.executeUpdate() == 0) {
          c.rollback();
          throw new NotFoundException("no subscriber " + s.cbId());
        }
        try (PreparedStatement d = c.prepareStatement(
            "DELETE FROM subscriber_allowed_senders WHERE cb_id = ?")) {
          d.setString(1, s.cbId().value());
          d.executeUpdate();
        }
        writeAllowedSenders(c, s.cbId(), s.rules());
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw conflictOr(e, s, "cannot update subscriber " + s.cbId());
    }
    return find(s.cbId()).orElseThrow();
  }

  /** Sets a subscriber's status; revoking takes effect on its next request. */
  public SubscriberRecord setStatus(CbId cbId, SubscriberStatus status) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "UPDATE subscribers SET status = ?, updated_at = ? WHERE cb_id = ?")) {
      p.setString(1, status.name());
      Sql.setInstant(p, 2, clock.instant());
      p.setString(3, cbId.value());
      if (p.executeUpdate() == 0) {
        throw new NotFoundException("no subscriber " + cbId);
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot set the status of subscriber " + cbId, e);
    }
    return find(cbId).orElseThrow();
  }

  /** Characters of a generated NAP password: letters and digits, nothing a NAP could mangle. */
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
  /** 24 characters of a 57-letter alphabet: about 140 bits. */
  static final int GENERATED_PASSWORD_LENGTH = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Sets a subscriber's local NAP password (the one parameters 191 carry); only its salted hash
   * is stored. The caller may wipe {@code password} afterwards.
   *
   * @throws IllegalArgumentException unless it is 1 to 128 printable ASCII characters without
   *     spaces (docs/pstn.md §3)
   * @throws NotFoundException if there is no such subscriber
   */
  public void setNapPassword(CbId cbId, char[] password) {
    if (password.length < 1 || password.length > 128) {
      throw new IllegalArgumentException("a NAP password is 1 to 128 characters");
    }
    for (char ch : password) {
      if (ch <= 0x20 || ch >= 0x7f) {
        throw new IllegalArgumentException(
            "a NAP password is printable ASCII without spaces");
      }
    }
    String hash = NapPasswordHash.hash(password, RANDOM);
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "UPDATE subscribers SET nap_password_hash = ?, nap_password_set_at = ?, updated_at = ? "
            + "WHERE cb_id = ?")) {
      p.setString(1, hash);
      Instant now = clock.instant();
      Sql.setInstant(p, 2, now);
      Sql.setInstant(p, 3, now);
      p.setString(4, cbId.value());
      if (p.executeUpdate() == 0) {
        throw new NotFoundException("no subscriber " + cbId);
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot set the NAP password of subscriber " + cbId, e);
    }
  }

  /**
   * Gives a subscriber a new random local NAP password (24 letters and digits, about 140 bits)
   * and returns it: this is the only time it is available in clear (the configuration manager
   * puts it in parameters 191). The previous password stops working at once.
   *
   * @throws NotFoundException if there is no such subscriber
   */
  public char[] generateNapPassword(CbId cbId) {
    char[] password = new char[GENERATED_PASSWORD_LENGTH];
    for (int i = 0; i < password.length; i++) {
      password[i] = PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
    }
    setNapPassword(cbId, password);
    return password;
  }

  /** The status and NAP password hash of a subscriber, for the RADIUS server. */
  public Optional<NapCredential> napCredential(CbId cbId) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT status, nap_password_hash FROM subscribers WHERE cb_id = ?")) {
      p.setString(1, cbId.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new NapCredential(cbId, SubscriberStatus.valueOf(r.getString(1)),
            r.getString(2)));
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read the NAP credential of subscriber " + cbId, e);
    }
  }

  /** The subscriber record of a CB ID, if there is one. */
  public Optional<SubscriberRecord> find(CbId cbId) {
    List<SubscriberRecord> found = query("WHERE cb_id = ?", cbId.value());
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The subscriber record with this CB name, if any. */
  public Optional<SubscriberRecord> findByName(String cbName) {
    List<SubscriberRecord> found = query("WHERE cb_name = ?", cbName);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The subscriber record a box with this factory serial number was registered for, if any. */
  public Optional<SubscriberRecord> findBySerial(SerialNumber serial) {
    List<SubscriberRecord> found = query("WHERE serial_number = ?", serial.value());
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** All subscriber records. */
  public List<SubscriberRecord> list() {
    return query("ORDER BY cb_id");
  }

  /**
   * Advances a subscriber's sequence number of one task and returns the new value (the first is
   * 1). Safe against concurrent callers on any node: the increment is one UPDATE.
   */
  public long nextSequenceNumber(CbId cbId, String task) {
    return advanceSequenceNumber(cbId, task, 1);
  }

  /**
   * Advances a subscriber's sequence number of one task by {@code by} (1 or more) in one
   * statement and returns the new value (a task never advanced starts from 0). Reconfiguration
   * bumps the {@code configuration} number by 1 or 2 (docs/configuration.md).
   */
  public long advanceSequenceNumber(CbId cbId, String task, int by) {
    if (by < 1) {
      throw new IllegalArgumentException("by must be at least 1: " + by);
    }
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        for (int attempt = 0; ; attempt++) {
          // The UPDATE locks the row until commit, so the SELECT reads this call's own value.
          try (PreparedStatement u = c.prepareStatement("UPDATE sequence_numbers "
              + "SET seq_value = seq_value + ? WHERE cb_id = ? AND task = ?")) {
            u.setLong(1, by);
            u.setString(2, cbId.value());
            u.setString(3, task);
            if (u.executeUpdate() == 1) {
              long value = sequenceNumber(c, cbId, task);
              c.commit();
              return value;
            }
          }
          try (PreparedStatement i = c.prepareStatement(
              "INSERT INTO sequence_numbers (cb_id, task, seq_value) VALUES (?, ?, ?)")) {
            i.setString(1, cbId.value());
            i.setString(2, task);
            i.setLong(3, by);
            i.executeUpdate();
            c.commit();
            return by;
          } catch (SQLException e) {
            c.rollback();
            if (!Sql.isUniqueViolation(e) || attempt > 2) {
              throw e;
            }
          }
        }
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        throw new NotFoundException("no subscriber " + cbId);
      }
      throw Sql.failure("cannot advance sequence number " + task + " of " + cbId, e);
    }
  }

  /** A subscriber's current sequence number of one task (0 if never advanced). */
  public long sequenceNumber(CbId cbId, String task) {
    try (Connection c = db.connection()) {
      return sequenceNumber(c, cbId, task);
    } catch (SQLException e) {
      throw Sql.failure("cannot read sequence number " + task + " of " + cbId, e);
    }
  }

  private static long sequenceNumber(Connection c, CbId cbId, String task) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT seq_value FROM sequence_numbers WHERE cb_id = ? AND task = ?")) {
      p.setString(1, cbId.value());
      p.setString(2, task);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? r.getLong(1) : 0;
      }
    }
  }

  private static void writeAllowedSenders(Connection c, CbId cbId, SubscriberRules rules)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "INSERT INTO subscriber_allowed_senders (cb_id, sender_cb_id) VALUES (?, ?)")) {
      for (CbId sender : rules.allowedSenders().stream().distinct().toList()) {
        p.setString(1, cbId.value());
        p.setString(2, sender.value());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private List<SubscriberRecord> query(String where, String... args) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT " + COLUMNS + " FROM subscribers " + where)) {
      for (int i = 0; i < args.length; i++) {
        p.setString(i + 1, args[i]);
      }
      List<SubscriberRecord> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(read(c, r));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Sql.failure("cannot read subscriber records", e);
    }
  }

  private static SubscriberRecord read(Connection c, ResultSet r) throws SQLException {
    CbId cbId = CbId.of(r.getString("cb_id"));
    List<CbId> allowed = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement("SELECT sender_cb_id FROM "
        + "subscriber_allowed_senders WHERE cb_id = ? ORDER BY sender_cb_id")) {
      p.setString(1, cbId.value());
      try (ResultSet a = p.executeQuery()) {
        while (a.next()) {
          allowed.add(CbId.of(a.getString(1)));
        }
      }
    }
    String serial = r.getString("serial_number");
    SubscriberRules rules = new SubscriberRules(SenderRule.valueOf(r.getString("senders")),
        allowed, new AllowedHours(r.getInt("allowed_from_minute"),
            r.getInt("allowed_until_minute")));
    return new SubscriberRecord(cbId, r.getString("cb_name"),
        Optional.ofNullable(serial).map(SerialNumber::of),
        new TelephoneNumber(r.getString("telephone_number")), ZoneId.of(r.getString("time_zone")),
        rules, SubscriberStatus.valueOf(r.getString("status")), Sql.instant(r, "created_at"),
        Sql.instant(r, "updated_at"));
  }

  private static StoreException conflictOr(SQLException e, SubscriberRecord s, String what) {
    if (Sql.isUniqueViolation(e)) {
      String m = String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT);
      if (m.contains("CB_NAME")) {
        return new ConflictException("CB name '" + s.cbName() + "' is taken");
      }
      if (m.contains("SERIAL")) {
        return new ConflictException("serial number " + s.serialNumber().map(Object::toString)
            .orElse("") + " already belongs to another subscriber");
      }
      return new ConflictException("subscriber " + s.cbId() + " exists already");
    }
    return Sql.failure(what, e);
  }
}
