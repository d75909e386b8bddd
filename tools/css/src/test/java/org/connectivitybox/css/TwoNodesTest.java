package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.store.TestDatabases;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two CSS nodes on one PostgreSQL database: what one node writes, the other serves at once,
 * because neither keeps subscriber state in memory. Runs only when {@code CSS_TEST_PG_URL} is set.
 */
@EnabledIf("postgresConfigured")
class TwoNodesTest {
  static boolean postgresConfigured() {
    String url = TestDatabases.setting("CSS_TEST_PG_URL");
    return url != null && !url.isBlank();
  }

  @Test
  void aRevocationOnOneNodeIsEnforcedByTheOther() throws Exception {
    String url = TestDatabases.setting("CSS_TEST_PG_URL");
    String user = TestDatabases.setting("CSS_TEST_PG_USER") == null ? "postgres"
        : TestDatabases.setting("CSS_TEST_PG_USER");
    String password = TestDatabases.setting("CSS_TEST_PG_PASSWORD") == null ? ""
        : TestDatabases.setting("CSS_TEST_PG_PASSWORD");
    String schema = "css_nodes_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String jdbc = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    Path data = TestDatabases.h2Folder(); // any folder that is removed with the test JVM
    InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
    try (Css a = Css.start(new Css.Settings(data, any, any, jdbc, user, password),
            Clock.systemUTC());
        Css b = Css.start(new Css.Settings(data, any, any, jdbc, user, password),
            Clock.systemUTC())) {
      CbId id = CbId.of("cb-shared");
      a.repositories().subscribers().create(SubscriberRecord.newSubscriber(id, "Shared",
          new TelephoneNumber("5550100"), ZoneId.of("UTC")));
      assertEquals(SubscriberStatus.ACTIVE,
          b.repositories().subscribers().find(id).orElseThrow().status());
      b.repositories().subscribers().setStatus(id, SubscriberStatus.REVOKED);
      assertEquals(SubscriberStatus.REVOKED,
          a.repositories().subscribers().find(id).orElseThrow().status());
      assertEquals(1, a.repositories().subscribers().nextSequenceNumber(id, "CONNECT"));
      assertEquals(2, b.repositories().subscribers().nextSequenceNumber(id, "CONNECT"));
    }
  }
}
