package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The master address books the CSS keeps, one per subscriber: the boxes a subscriber lists, by
 * CB name, with the friendly name its LCD shows. The ADDRESS_BOOK rule admits a sender whose CB
 * name is in the receiver's book.
 *
 * <p>Thread-safe; failures are {@link StoreException}s, an unknown owner a {@link
 * NotFoundException}.
 */
public final class AddressBooks {
  /** One entry: a box's CB name and the name its owner knows it by. */
  public record Entry(String cbName, String friendlyName) {
    /** @throws IllegalArgumentException with a one-line message for a blank or long name */
    public Entry {
      cbName = check("cbName", cbName);
      friendlyName = check("friendlyName", friendlyName);
    }

    private static String check(String field, String v) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException(field + " is missing");
      }
      String t = v.strip();
      if (t.length() > 64) {
        throw new IllegalArgumentException(field + " is longer than 64 characters: " + t);
      }
      return t;
    }
  }

  private final Database db;

  public AddressBooks(Database db) {
    this.db = db;
  }

  /**
   * Replaces {@code owner}'s whole book with {@code entries}, in one transaction.
   *
   * @throws IllegalArgumentException if a CB name appears twice
   * @throws NotFoundException if there is no subscriber {@code owner}
   */
  public void replace(CbId owner, List<Entry> entries) {
    checkDistinct(entries);
    Sql.inTransaction(db, "cannot write the address book of " + owner, c -> {
      Sql.lockSubscriber(c, owner);
      write(c, owner, entries);
      return null;
    });
  }

  /** {@code owner}'s book in CB-name order (empty if it has none). */
  public List<Entry> list(CbId owner) {
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT entry_cb_name, friendly_name FROM address_book_entries WHERE owner_cb_id = ? "
            + "ORDER BY entry_cb_name")) {
      p.setString(1, owner.value());
      List<Entry> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new Entry(r.getString(1), r.getString(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Sql.failure("cannot read the address book of " + owner, e);
    }
  }

  /** Whether {@code owner}'s book lists the box named {@code cbName}. */
  public boolean lists(CbId owner, String cbName) {
    Objects.requireNonNull(cbName, "cbName");
    try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
        "SELECT COUNT(*) FROM address_book_entries WHERE owner_cb_id = ? AND entry_cb_name = ?")) {
      p.setString(1, owner.value());
      p.setString(2, cbName);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw Sql.failure("cannot read the address book of " + owner, e);
    }
  }

  /**
   * @throws IllegalArgumentException if a CB name appears twice
   */
  static void checkDistinct(List<Entry> entries) {
    Set<String> names = new HashSet<>();
    for (Entry e : entries) {
      if (!names.add(e.cbName())) {
        throw new IllegalArgumentException("CB name " + e.cbName() + " is in the book twice");
      }
    }
  }

  /** Replaces the book inside the caller's transaction (the owner's row already locked). */
  static void write(Connection c, CbId owner, List<Entry> entries)
      throws SQLException {
    try (PreparedStatement d = c.prepareStatement(
        "DELETE FROM address_book_entries WHERE owner_cb_id = ?")) {
      d.setString(1, owner.value());
      d.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("INSERT INTO address_book_entries "
        + "(owner_cb_id, entry_cb_name, friendly_name) VALUES (?, ?, ?)")) {
      for (Entry e : entries) {
        p.setString(1, owner.value());
        p.setString(2, e.cbName());
        p.setString(3, e.friendlyName());
        p.addBatch();
      }
      p.executeBatch();
    }
  }
}
