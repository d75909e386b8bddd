package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The connectivity manager's connection records, one per box, kept in the database so that any
 * CSS node can tell whether a receiver is online and at which address.
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
    write(cbId, "UPDATE connections SET state = ?, address = NULL, disconnected_at = ?, "
        + "last_seen_at = ? WHERE cb_id = ?",
        "INSERT INTO connections (state, disconnected_at, last_seen_at, cb_id) "
        + "VALUES (?, ?, ?, ?)", state, now, now);
    return find(cbId).orElseThrow();
  }

  /** The connection record of a box, if it ever connected. */
  public Optional<ConnectionRecord> find(CbId cbId) {
    try (Connection c = db.connection(); PreparedStatement p =
        c.prepareStatement("SELECT * FROM connections WHERE cb_id = ?")) {
      p.setString(1, cbId.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new ConnectionRecord(cbId, r.getString("state"),
            r.getString("address"), Sql.instant(r, "connected_at"),
            Sql.instant(r, "last_seen_at"), Sql.instant(r, "disconnected_at")));
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read the connection of " + cbId, e);
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
