package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * The legitimate serials imported from factory manifests; the configuration service and the
 * RADIUS server check a box's serial and password against them.
 *
 * <p>Thread-safe; an import is one transaction (all rows or none); importing a row again
 * replaces it (a re-issued device) but keeps its revocation: a revoked serial is not made
 * legitimate again by re-importing an old manifest.
 */
public final class LegitimateSerials {
  private final Database db;
  private final Clock clock;

  public LegitimateSerials(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Stores the rows of a manifest and returns how many were stored. */
  public int importRows(List<LegitimateSerial> rows) {
    Instant now = clock.instant();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement u = c.prepareStatement("UPDATE legitimate_serials SET "
              + "config_user_name = ?, password_sha256 = ?, certificate_sha256 = ?, "
              + "not_after = ?, imported_from = ?, imported_at = ? WHERE serial_number = ?");
          PreparedStatement p = c.prepareStatement("INSERT INTO legitimate_serials "
              + "(config_user_name, password_sha256, certificate_sha256, "
              + "not_after, imported_from, imported_at, serial_number) VALUES (?,?,?,?,?,?,?)")) {
        for (LegitimateSerial s : rows) {
          PreparedStatement write = u;
          for (int pass = 0; pass < 2; pass++, write = p) {
            write.setString(1, s.configUserName());
            write.setString(2, s.passwordSha256());
            write.setString(3, s.certificateSha256());
            Sql.setInstant(write, 4, s.notAfter());
            write.setString(5, s.importedFrom());
            Sql.setInstant(write, 6, now);
            write.setString(7, s.serial().value());
            if (write.executeUpdate() == 1) {
              break;
            }
          }
        }
        c.commit();
        return rows.size();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot import legitimate serials", e);
    }
  }

  /** The legitimate serial, if a manifest listed it. */
  public Optional<LegitimateSerial> find(SerialNumber serial) {
    try (Connection c = db.connection(); PreparedStatement p =
        c.prepareStatement("SELECT * FROM legitimate_serials WHERE serial_number = ?")) {
      p.setString(1, serial.value());
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        return Optional.of(new LegitimateSerial(serial, r.getString("config_user_name"),
            r.getString("password_sha256").trim(), r.getString("certificate_sha256").trim(),
            Sql.instant(r, "not_after"), r.getString("imported_from"),
            Sql.instant(r, "revoked_at")));
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read legitimate serial " + serial, e);
    }
  }

  /**
   * Revokes a legitimate serial: its configuration login is refused from now on. Revoking it
   * again keeps the first revocation time.
   *
   * @return the serial as stored
   * @throws NotFoundException if no manifest listed it
   */
  public LegitimateSerial revoke(SerialNumber serial) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "UPDATE legitimate_serials SET revoked_at = COALESCE(revoked_at, ?) "
            + "WHERE serial_number = ?")) {
      Sql.setInstant(p, 1, clock.instant());
      p.setString(2, serial.value());
      if (p.executeUpdate() == 0) {
        throw new NotFoundException("no legitimate serial " + serial);
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot revoke legitimate serial " + serial, e);
    }
    return find(serial).orElseThrow();
  }

  /** How many legitimate serials are known. */
  public long count() {
    try (Connection c = db.connection(); PreparedStatement p =
        c.prepareStatement("SELECT COUNT(*) FROM legitimate_serials");
        ResultSet r = p.executeQuery()) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw Sql.failure("cannot count legitimate serials", e);
    }
  }
}
