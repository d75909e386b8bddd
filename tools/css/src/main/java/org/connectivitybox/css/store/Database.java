package org.connectivitybox.css.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The CSS's database: a connection pool whose schema Flyway has brought up to date.
 *
 * <p>The embedded default is an H2 file opened with {@code WRITE_DELAY=0}: H2 otherwise
 * acknowledges a commit up to half a second before handing it to the operating system, and a
 * killed process would lose committed billing records. With it, a commit has reached the OS
 * (and so survives a killed JVM) when {@code commit()} returns.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource pool;
  private final String jdbcUrl;
  private final String user;
  private final String password;

  private Database(HikariDataSource pool, String jdbcUrl, String user, String password) {
    this.pool = pool;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  /** The JDBC URL of the embedded database kept in {@code folder} (file {@code css.mv.db}). */
  public static String h2Url(Path folder) {
    return "jdbc:h2:file:" + folder.toAbsolutePath().resolve("css")
        + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
  }

  /** Opens the embedded H2 database in {@code folder}, creating it on first use. */
  public static Database embedded(Path folder) {
    return open(h2Url(folder), "css", "");
  }

  /**
   * Opens a database and migrates its schema.
   *
   * @throws StoreException if the database cannot be reached or a migration fails
   */
  public static Database open(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(10);
    config.setPoolName("css-db");
    config.setInitializationFailTimeout(10_000);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the database " + redact(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
    try {
      Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException("cannot migrate the database " + redact(jdbcUrl) + ": "
          + rootMessage(e), e);
    }
    return new Database(pool, jdbcUrl, user, password);
  }

  /** Whether this is PostgreSQL (several nodes may share it) rather than the embedded H2. */
  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  String user() {
    return user;
  }

  String password() {
    return password;
  }

  /** The pool, for repositories. */
  public DataSource dataSource() {
    return pool;
  }

  Connection connection() throws SQLException {
    return pool.getConnection();
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String redact(String url) {
    int semicolon = url.indexOf(';');
    int question = url.indexOf('?');
    int cut = semicolon < 0 ? question : (question < 0 ? semicolon : Math.min(semicolon, question));
    return cut < 0 ? url : url.substring(0, cut);
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
