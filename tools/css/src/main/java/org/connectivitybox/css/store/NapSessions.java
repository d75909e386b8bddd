package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * NAP sessions reported by RADIUS accounting (table {@code nap_sessions}): one row per NAS and
 * Acct-Session-Id, written by the Start and brought up to date by Interim-Update and Stop.
 *
 * <p>Thread-safe; each call is one transaction. Fields longer than their columns are cut (they
 * come from the network).
 */
public final class NapSessions {
  private final Database db;
  private final Clock clock;

  public NapSessions(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** What one Accounting-Request said about a session. */
  public record Report(String nas, String acctSessionId, String userName,
      NapSession.LoginKind loginKind, String serialNumber, String cbId, String framedIpAddress,
      String callingStationId, String calledStationId, Long sessionSeconds, Long inputOctets,
      Long outputOctets, Integer terminateCause) {}

  /** Records an Accounting-Start: a new row, or the existing one started again. */
  public void started(Report r) {
    write(r, NapSession.State.STARTED);
  }

  /** Records an Interim-Update: the row is kept STARTED (made if the Start was lost). */
  public void updated(Report r) {
    write(r, null);
  }

  /** Records an Accounting-Stop (made if the Start was lost). */
  public void stopped(Report r) {
    write(r, NapSession.State.STOPPED);
  }

  /** The latest sessions (by their last report), newest first. */
  public List<NapSession> latest(int limit) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT * FROM nap_sessions ORDER BY updated_at DESC, session_key DESC")) {
      p.setMaxRows(limit);
      List<NapSession> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new NapSession(r.getString("nas"), r.getString("acct_session_id"),
              r.getString("user_name"), NapSession.LoginKind.valueOf(r.getString("login_kind")),
              r.getString("serial_number"), r.getString("cb_id"),
              r.getString("framed_ip_address"), r.getString("calling_station_id"),
              r.getString("called_station_id"), NapSession.State.valueOf(r.getString("state")),
              Sql.instant(r, "started_at"), Sql.instant(r, "updated_at"),
              Sql.instant(r, "stopped_at"), Sql.longOrNull(r, "session_seconds"),
              Sql.longOrNull(r, "input_octets"), Sql.longOrNull(r, "output_octets"),
              Sql.intOrNull(r, "terminate_cause")));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Sql.failure("cannot read NAP sessions", e);
    }
  }

  /**
   * The configuration login of {@code serial} currently on line at {@code framedIpAddress}: a
   * row of login kind CONFIGURATION for that serial, STARTED (no Stop recorded yet), whose
   * Framed-IP-Address is exactly that text (a dotted quad, as the NAS reported it). Empty if
   * none. The answer is {@code NAS/Acct-Session-Id} of the newest such row.
   */
  public java.util.Optional<String> activeConfigurationLogin(String serialNumber,
      String framedIpAddress) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT nas, acct_session_id FROM nap_sessions WHERE login_kind = ? AND serial_number = ?"
            + " AND framed_ip_address = ? AND state = ? ORDER BY updated_at DESC")) {
      p.setMaxRows(1);
      p.setString(1, NapSession.LoginKind.CONFIGURATION.name());
      p.setString(2, cut(serialNumber, 64));
      p.setString(3, cut(framedIpAddress, 64));
      p.setString(4, NapSession.State.STARTED.name());
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? java.util.Optional.of(r.getString("nas") + "/"
            + r.getString("acct_session_id")) : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read NAP sessions", e);
    }
  }

  /** Writes one report; {@code state} null keeps the row's state (STARTED for a new row). */
  private void write(Report r, NapSession.State state) {
    Instant now = clock.instant();
    String nas = cut(r.nas(), 128);
    String id = cut(r.acctSessionId(), 128);
    Sql.inTransaction(db, "cannot record NAP session " + id, c -> {
      boolean exists;
      try (PreparedStatement p = c.prepareStatement("SELECT state FROM nap_sessions "
          + "WHERE nas = ? AND acct_session_id = ? FOR UPDATE")) {
        p.setString(1, nas);
        p.setString(2, id);
        try (ResultSet rs = p.executeQuery()) {
          exists = rs.next();
        }
      }
      boolean stop = state == NapSession.State.STOPPED;
      if (exists) {
        // A Start again (a NAS that reuses an id) starts the row afresh; Interim and Stop keep
        // what the Start said unless they say it themselves.
        boolean restart = state == NapSession.State.STARTED;
        try (PreparedStatement p = c.prepareStatement("UPDATE nap_sessions SET "
            + "user_name = ?, login_kind = ?, serial_number = ?, cb_id = ?, "
            + "framed_ip_address = COALESCE(?, framed_ip_address), "
            + "calling_station_id = COALESCE(?, calling_station_id), "
            + "called_station_id = COALESCE(?, called_station_id), "
            + "state = COALESCE(?, state), updated_at = ?, "
            + "started_at = CASE WHEN ? THEN ? ELSE started_at END, "
            + "stopped_at = CASE WHEN ? THEN ? WHEN ? THEN NULL ELSE stopped_at END, "
            + "session_seconds = ?, input_octets = ?, output_octets = ?, terminate_cause = ? "
            + "WHERE nas = ? AND acct_session_id = ?")) {
          int i = 1;
          p.setString(i++, cut(r.userName(), 253));
          p.setString(i++, r.loginKind().name());
          p.setString(i++, cut(r.serialNumber(), 64));
          p.setString(i++, cut(r.cbId(), 64));
          p.setString(i++, cut(r.framedIpAddress(), 64));
          p.setString(i++, cut(r.callingStationId(), 64));
          p.setString(i++, cut(r.calledStationId(), 64));
          p.setString(i++, state == null ? null : state.name());
          Sql.setInstant(p, i++, now);
          p.setBoolean(i++, restart);
          Sql.setInstant(p, i++, now);
          p.setBoolean(i++, stop);
          Sql.setInstant(p, i++, now);
          p.setBoolean(i++, restart);
          Sql.setLong(p, i++, r.sessionSeconds());
          Sql.setLong(p, i++, r.inputOctets());
          Sql.setLong(p, i++, r.outputOctets());
          Sql.setInt(p, i++, r.terminateCause());
          p.setString(i++, nas);
          p.setString(i, id);
          p.executeUpdate();
        }
      } else {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO nap_sessions (nas, "
            + "acct_session_id, user_name, login_kind, serial_number, cb_id, framed_ip_address, "
            + "calling_station_id, called_station_id, state, started_at, updated_at, stopped_at, "
            + "session_seconds, input_octets, output_octets, terminate_cause) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
          int i = 1;
          p.setString(i++, nas);
          p.setString(i++, id);
          p.setString(i++, cut(r.userName(), 253));
          p.setString(i++, r.loginKind().name());
          p.setString(i++, cut(r.serialNumber(), 64));
          p.setString(i++, cut(r.cbId(), 64));
          p.setString(i++, cut(r.framedIpAddress(), 64));
          p.setString(i++, cut(r.callingStationId(), 64));
          p.setString(i++, cut(r.calledStationId(), 64));
          p.setString(i++, (stop ? NapSession.State.STOPPED : NapSession.State.STARTED).name());
          Sql.setInstant(p, i++, now);
          Sql.setInstant(p, i++, now);
          Sql.setInstant(p, i++, stop ? now : null);
          Sql.setLong(p, i++, r.sessionSeconds());
          Sql.setLong(p, i++, r.inputOctets());
          Sql.setLong(p, i++, r.outputOctets());
          Sql.setInt(p, i, r.terminateCause());
          p.executeUpdate();
        }
      }
      return null;
    });
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
