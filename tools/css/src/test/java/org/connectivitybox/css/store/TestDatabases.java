package org.connectivitybox.css.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases repository tests run on: always a fresh embedded H2 file; also PostgreSQL when
 * {@code CSS_TEST_PG_URL} (system property or environment) names a server, each test in a schema
 * of its own. User and password: {@code CSS_TEST_PG_USER} (default postgres) and
 * {@code CSS_TEST_PG_PASSWORD} (default empty). {@code start-postgres.sh} starts such a server.
 */
public final class TestDatabases {
  /** A named way to open a fresh, migrated database. */
  public interface Kind {
    Database open() throws Exception;
  }

  /** One database kind with the name a parameterized test shows. */
  public record Named(String name, Kind kind) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One folder per test JVM for the H2 files, removed when the JVM exits. */
  private static final Path H2_ROOT = h2Root();

  private TestDatabases() {}

  private static Path h2Root() {
    try {
      Path root = Files.createTempDirectory("css-h2-tests");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (var files = Files.walk(root)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
          // best effort: a temp folder left behind is harmless
        }
      }));
      return root;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The kinds to test on: H2, and PostgreSQL if configured. */
  public static List<Named> all() {
    List<Named> out = new ArrayList<>();
    out.add(new Named("H2", () -> Database.embedded(h2Folder())));
    String pg = setting("CSS_TEST_PG_URL");
    if (pg != null && !pg.isBlank()) {
      out.add(new Named("PostgreSQL", () -> postgres(pg)));
    }
    return out;
  }

  private static Database postgres(String url) throws SQLException {
    String user = settingOr("CSS_TEST_PG_USER", "postgres");
    String password = settingOr("CSS_TEST_PG_PASSWORD", "");
    String schema = "css_test_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return Database.open(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        user, password);
  }

  /** A setting from a system property, else the environment. */
  public static String setting(String name) {
    String v = System.getProperty(name);
    return v != null ? v : System.getenv(name);
  }

  private static String settingOr(String name, String fallback) {
    String v = setting(name);
    return v == null ? fallback : v;
  }

  /** A fresh H2 folder for tests that need a path. */
  public static Path h2Folder() throws java.io.IOException {
    return Files.createTempDirectory(H2_ROOT, "db");
  }
}
