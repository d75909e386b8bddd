package org.connectivitybox.css.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * Phase I registrations and the configuration status of registered boxes (Figure 15): the SRMS
 * record, the {@code configurations} row the configuration manager moves through {@link
 * ConfigurationState}.
 *
 * <p>Thread-safe; each call is one transaction. Database failures are {@link StoreException}s.
 */
public final class Registrations {
  /** The address-book sequence number a registration sets: a new box has 0, so they differ. */
  public static final long INITIAL_ADDRESS_BOOK_SEQUENCE = 1;

  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final Clock clock;

  public Registrations(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A fresh CB ID: {@code cb-} and 12 lower-case base32 characters (60 random bits). */
  public static CbId newCbId() {
    StringBuilder b = new StringBuilder("cb-");
    for (int i = 0; i < 12; i++) {
      b.append(BASE32[RANDOM.nextInt(BASE32.length)]);
    }
    return CbId.of(b.toString());
  }

  /**
   * Registers a subscriber in one transaction: the subscriber record with the box's serial, the
   * SRMS record, the master address book, the address-book sequence number {@value
   * #INITIAL_ADDRESS_BOOK_SEQUENCE}, and the configuration row {@code REGISTERED}.
   *
   * @throws RegistrationRefused if the serial is unknown or revoked, already registered, or the
   *     CB name is taken (nothing is written)
   * @throws ConflictException if the CB ID exists already
   */
  public SubscriberRecord register(Registration r) {
    SubscriberRecord s = r.subscriber();
    SerialNumber serial = s.serialNumber().orElseThrow();
    Instant now = clock.instant();
    Sql.inTransaction(db, "cannot register subscriber " + s.cbId(), c -> {
      try (PreparedStatement p = c.prepareStatement(
          "SELECT revoked_at FROM legitimate_serials WHERE serial_number = ?")) {
        p.setString(1, serial.value());
        try (ResultSet rs = p.executeQuery()) {
          if (!rs.next() || Sql.instant(rs, "revoked_at") != null) {
            throw new RegistrationRefused(RegistrationRefused.Reason.UNKNOWN_SERIAL,
                "serial number " + serial + " is not a legitimate serial (no factory manifest"
                    + " lists it, or it was revoked)");
          }
        }
      }
      if (exists(c, "serial_number", serial.value())) {
        throw serialRegistered(serial);
      }
      if (exists(c, "cb_name", s.cbName())) {
        throw nameTaken(s.cbName());
      }
      try {
        SubscriberRecords.insert(c, s, now);
      } catch (SQLException e) {
        // Another registration won a race between the checks and the insert.
        if (Sql.isUniqueViolation(e)) {
          String m = String.valueOf(e.getMessage()).toUpperCase(Locale.ROOT);
          if (m.contains("CB_NAME")) {
            throw nameTaken(s.cbName());
          }
          if (m.contains("SERIAL")) {
            throw serialRegistered(serial);
          }
          throw new ConflictException("subscriber " + s.cbId() + " exists already");
        }
        throw e;
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO srms_subscribers "
          + "(cb_id, name, postal_address, billing, created_at) VALUES (?, ?, ?, ?, ?)")) {
        p.setString(1, s.cbId().value());
        p.setString(2, r.name());
        p.setString(3, r.postalAddress());
        p.setString(4, r.billingJson());
        Sql.setInstant(p, 5, now);
        p.executeUpdate();
      }
      AddressBooks.write(c, s.cbId(), r.addressBook());
      try (PreparedStatement p = c.prepareStatement(
          "INSERT INTO sequence_numbers (cb_id, task, seq_value) VALUES (?, ?, ?)")) {
        p.setString(1, s.cbId().value());
        p.setString(2, Task.ADDRESS_BOOK.wireName());
        p.setLong(3, INITIAL_ADDRESS_BOOK_SEQUENCE);
        p.executeUpdate();
      }
      try (PreparedStatement p = c.prepareStatement("INSERT INTO configurations "
          + "(cb_id, friendly_name, state, error, detail, updated_at) "
          + "VALUES (?, ?, ?, NULL, NULL, ?)")) {
        p.setString(1, s.cbId().value());
        p.setString(2, r.friendlyName());
        p.setString(3, ConfigurationState.REGISTERED.name());
        Sql.setInstant(p, 4, now);
        p.executeUpdate();
      }
      return null;
    });
    return new SubscriberRecords(db, clock).find(s.cbId()).orElseThrow();
  }

  private static boolean exists(Connection c, String column, String value) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT 1 FROM subscribers WHERE " + column + " = ?")) {
      p.setString(1, value);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static RegistrationRefused serialRegistered(SerialNumber serial) {
    return new RegistrationRefused(RegistrationRefused.Reason.SERIAL_REGISTERED,
        "serial number " + serial + " is registered to a subscriber already");
  }

  private static RegistrationRefused nameTaken(String cbName) {
    return new RegistrationRefused(RegistrationRefused.Reason.CB_NAME_TAKEN,
        "CB name '" + cbName + "' is taken");
  }

  /** The SRMS record of a registered subscriber. */
  public Optional<SrmsRecord> srms(CbId cbId) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT * FROM srms_subscribers WHERE cb_id = ?")) {
      p.setString(1, cbId.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new SrmsRecord(cbId, r.getString("name"),
            r.getString("postal_address"), r.getString("billing"),
            Sql.instant(r, "created_at")));
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read the SRMS record of " + cbId, e);
    }
  }

  /** The configuration status of a box registered through Phase I. */
  public Optional<ConfigurationRecord> configuration(CbId cbId) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT * FROM configurations WHERE cb_id = ?")) {
      p.setString(1, cbId.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new ConfigurationRecord(cbId, r.getString("friendly_name"),
            ConfigurationState.valueOf(r.getString("state")), r.getString("error"),
            r.getString("detail"), Sql.instant(r, "updated_at")));
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read the configuration status of " + cbId, e);
    }
  }

  /**
   * Sets a box's configuration state, with an error code and detail for FAILED (null otherwise).
   *
   * @return false if the box has no configuration row (it was not registered through Phase I)
   */
  public boolean set(CbId cbId, ConfigurationState state, String error, String detail) {
    return update(cbId, null, state, error, detail);
  }

  /**
   * Moves a box from {@code from} to {@code to} (clearing the error), only if it is in {@code
   * from}: the check and the write are one statement, so two nodes cannot both move it.
   *
   * @return whether it moved
   */
  public boolean advance(CbId cbId, ConfigurationState from, ConfigurationState to) {
    return update(cbId, from, to, null, null);
  }

  /** As {@link #advance(CbId, ConfigurationState, ConfigurationState)}, recording an error. */
  public boolean advance(CbId cbId, ConfigurationState from, ConfigurationState to, String error,
      String detail) {
    return update(cbId, from, to, error, detail);
  }

  private boolean update(CbId cbId, ConfigurationState from, ConfigurationState to, String error,
      String detail) {
    String clip = detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "UPDATE configurations SET state = ?, error = ?, detail = ?, updated_at = ? "
            + "WHERE cb_id = ?" + (from == null ? "" : " AND state = ?"))) {
      p.setString(1, to.name());
      p.setString(2, error);
      p.setString(3, clip);
      Sql.setInstant(p, 4, clock.instant());
      p.setString(5, cbId.value());
      if (from != null) {
        p.setString(6, from.name());
      }
      return p.executeUpdate() == 1;
    } catch (SQLException e) {
      throw Sql.failure("cannot set the configuration state of " + cbId, e);
    }
  }
}
