package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.connectivitybox.protocols.tls.CbId;

/** Small JDBC helpers shared by the repositories. */
final class Sql {
  /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  private Sql() {}

  static void setInstant(PreparedStatement s, int index, Instant t) throws SQLException {
    s.setObject(index, t == null ? null : OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  static Instant instant(ResultSet r, String column) throws SQLException {
    OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Long longOrNull(ResultSet r, String column) throws SQLException {
    long v = r.getLong(column);
    return r.wasNull() ? null : v;
  }

  static Integer intOrNull(ResultSet r, String column) throws SQLException {
    int v = r.getInt(column);
    return r.wasNull() ? null : v;
  }

  static void setLong(PreparedStatement s, int index, Long v) throws SQLException {
    if (v == null) {
      s.setNull(index, java.sql.Types.BIGINT);
    } else {
      s.setLong(index, v);
    }
  }

  static void setInt(PreparedStatement s, int index, Integer v) throws SQLException {
    if (v == null) {
      s.setNull(index, java.sql.Types.INTEGER);
    } else {
      s.setInt(index, v);
    }
  }

  static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && UNIQUE_VIOLATION.equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  static StoreException failure(String what, SQLException e) {
    return new StoreException(what + ": " + Database.rootMessage(e), e);
  }

  /** Work done inside one database transaction. */
  interface TransactionWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: commits what it wrote, or rolls back and passes on
   * whatever it threw.
   *
   * @throws StoreException if the database fails ({@code what} names the transaction)
   */
  static <T> T inTransaction(Database db, String what, TransactionWork<T> work) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /**
   * Locks a subscriber's row until the transaction ends (the per-box serialisation of its
   * transactions across CSS nodes) and returns its status.
   *
   * @throws NotFoundException if there is no subscriber record for {@code cbId}
   */
  static String lockSubscriber(Connection c, CbId cbId) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(
        "SELECT status FROM subscribers WHERE cb_id = ? FOR UPDATE")) {
      p.setString(1, cbId.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          throw new NotFoundException("no subscriber " + cbId);
        }
        return r.getString(1);
      }
    }
  }
}
