package org.connectivitybox.css.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.util.Map;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.Test;

class LoginNameTest {
  static LoginName parse(String user) {
    return LoginName.parse(user, "config.cb.example", "nasp.cb.example");
  }

  @Test
  void theRealmSaysWhichKindOfLoginAUserNameIs() {
    assertEquals(new LoginName.Configuration(SerialNumber.of("CB26A-000001")),
        parse("CB26A-000001@config.cb.example"));
    assertEquals(new LoginName.Configuration(SerialNumber.of("CB26A-000001")),
        parse("CB26A-000001@Config.CB.example"));
    assertEquals(new LoginName.Subscriber(CbId.of("cb-alice")), parse("cb-alice@nasp.cb.example"));
    for (String other : new String[] {"cb-alice", "@nasp.cb.example", "cb-alice@other.example",
        "bad name@nasp.cb.example", "a@b@config.cb.example", "", "x@config.cb.example.evil"}) {
      assertInstanceOf(LoginName.Other.class, parse(other), other);
    }
    assertInstanceOf(LoginName.Other.class, parse(null));
  }

  @Test
  void settingsCheckTheirDomainsAndPorts() {
    Map<java.net.InetAddress, String> clients =
        Map.of(java.net.InetAddress.getLoopbackAddress(), "s");
    RadiusSettings s = new RadiusSettings(new InetSocketAddress("127.0.0.1", 1812), -1, clients,
        "Config.Example", "nasp.example");
    assertEquals("config.example", s.configDomain());
    assertEquals(1813, s.effectiveAcctPort());
    assertEquals(0, new RadiusSettings(new InetSocketAddress("127.0.0.1", 0), -1, clients,
        "a.example", "b.example").effectiveAcctPort());
    assertEquals(1900, new RadiusSettings(new InetSocketAddress("127.0.0.1", 1812), 1900,
        clients, "a.example", "b.example").effectiveAcctPort());
    assertThrows(IllegalArgumentException.class, () -> new RadiusSettings(
        new InetSocketAddress("127.0.0.1", 1812), 1812, clients, "a.example", "b.example"));
    assertThrows(IllegalArgumentException.class, () -> new RadiusSettings(
        new InetSocketAddress("127.0.0.1", 65535), -1, clients, "a.example", "b.example"));
    assertEquals(false, RadiusSettings.OFF.enabled());
    assertEquals(false, s.toString().contains("=s"), s.toString());
  }
}
