package org.connectivitybox.css.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.tinylog.Logger;

/**
 * Tells every CSS node that a job left OPENING, so that the node holding the sender's SEND can
 * answer it.
 *
 * <p>On PostgreSQL a change is announced with {@code NOTIFY css_jobs, '<job number>'} inside the
 * transaction that made it (PostgreSQL delivers it when, and only if, that transaction commits),
 * and each node keeps one connection of its own (outside the pool) that {@code LISTEN}s on the
 * channel. If that connection fails, the listener reconnects with back-off and calls the gap
 * handler once it listens again, since announcements made in between are lost. The embedded H2
 * database is one node's: it has no cross-node announcement, and the node dispatches its own
 * changes in-process after commit (see the send/receive manager).
 */
public final class JobSignals implements AutoCloseable {
  /** The PostgreSQL notification channel. */
  public static final String CHANNEL = "css_jobs";

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Database db;
  private final LongConsumer listener;
  private final Runnable gap;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection listening;

  private JobSignals(Database db, LongConsumer listener, Runnable gap) {
    this.db = db;
    this.listener = listener;
    this.gap = gap;
    this.thread = new Thread(this::run, "css-job-signals");
    this.thread.setDaemon(true);
  }

  /**
   * Starts listening for announcements of other nodes (PostgreSQL only; on H2 nothing runs).
   *
   * @param listener called on the listener thread with each announced job number; must not block
   *     for long and must not throw
   * @param gap called after the listening connection was lost and is back: announcements may
   *     have been missed
   */
  public static JobSignals listen(Database db, LongConsumer listener, Runnable gap) {
    JobSignals s = new JobSignals(Objects.requireNonNull(db, "db"),
        Objects.requireNonNull(listener, "listener"), Objects.requireNonNull(gap, "gap"));
    if (db.isPostgres()) {
      s.thread.start();
    }
    return s;
  }

  /** Announces, within the transaction of {@code c}, that job {@code jobNumber} changed. */
  static void announce(Connection c, Database db, long jobNumber) {
    if (!db.isPostgres()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      p.setString(1, CHANNEL);
      p.setString(2, Long.toString(jobNumber));
      p.execute();
    } catch (SQLException e) {
      throw Sql.failure("cannot announce the change of job " + jobNumber, e);
    }
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    boolean hadConnection = false;
    while (!closed) {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
        listening = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        if (hadConnection) {
          gap.run();
        }
        hadConnection = true;
        backoff = Duration.ofMillis(100);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] batch = pg.getNotifications((int) POLL.toMillis());
          if (batch == null) {
            continue;
          }
          for (PGNotification n : batch) {
            deliver(n.getParameter());
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        Logger.warn("listening for job changes failed ({}); retrying in {} ms", 
            Database.rootMessage(e), backoff.toMillis());
        hadConnection = true;
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
            : backoff.multipliedBy(2);
      } finally {
        listening = null;
      }
    }
  }

  private void deliver(String parameter) {
    long number;
    try {
      number = Long.parseLong(parameter);
    } catch (NumberFormatException e) {
      Logger.warn("ignoring a {} notification that is not a job number: {}", CHANNEL, parameter);
      return;
    }
    try {
      listener.accept(number);
    } catch (RuntimeException e) {
      Logger.error(e, "job change listener failed for job {}", number);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and waits for the listener thread. */
  @Override
  public void close() {
    closed = true;
    Connection c = listening;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing to wake the thread; it is going away either way
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
