package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.connectivitybox.pstnsim.nap.NapSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NAP against a real FreeRADIUS (Debian's freeradius 3.2, run as root from a temp copy of its
 * configuration): a box logs in, is rejected, and FreeRADIUS's own detail file records the
 * Accounting-Start with the address the NAP assigned.
 * <pre>
 *   box ── ATDT0845, LOGIN ──▶ NAP ── Access-Request (PAP) ──▶ freeradius (files: carol)
 *       ◀── ADDRESS ─────────     ── Accounting-Start ───────▶ detail: Framed-IP-Address
 * </pre>
 * Skipped where freeradius is missing or the tests do not run as root.
 */
@Tag("freeradius")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FreeRadiusNapTest {
  private FreeRadiusServer radius;
  private Simulator sim;
  private AtClient box;

  @BeforeAll
  void startFreeRadius(@TempDir Path dir) throws Exception {
    assumeTrue(FreeRadiusServer.available(), "needs /usr/sbin/freeradius and root");
    radius = new FreeRadiusServer(dir, "carol", "rosebud-42");
  }

  @AfterAll
  void stopFreeRadius() throws Exception {
    if (radius != null) {
      radius.close();
    }
  }

  @BeforeEach
  void startSimulator() throws Exception {
    NapSettings nap = TestConfigs.nap("0845", radius.authPort, radius.acctPort, radius.secret,
        Duration.ofSeconds(30));
    sim = Simulator.start(TestConfigs.with(TestConfigs.fast(), List.of(TestConfigs.line("1001")),
        List.of(nap), -1));
    box = new AtClient(sim.port("1001"));
    box.command("ATE0");
    assertEquals("\r\nCONNECT 33600\r\n", box.command("ATDT0845"));
    box.await("NAP nap1 READY\r\n");
  }

  @AfterEach
  void stopSimulator() throws Exception {
    if (box != null) {
      box.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void acceptedLoginIsAccountedWithTheAssignedAddress() throws Exception {
    box.send("LOGIN carol rosebud-42\r\n");
    String address = box.await("\r\n");
    assertEquals("ADDRESS 127.1.0.1 127.0.0.1\r\n", address);
    String detail = radius.awaitDetail("Framed-IP-Address = 127.1.0.1", Duration.ofSeconds(10));
    assertContains(detail, "Acct-Status-Type = Start");
    assertContains(detail, "User-Name = \"carol\"");
    assertContains(detail, "Calling-Station-Id = \"1001\"");
    assertContains(detail, "NAS-Identifier = \"nap1\"");

    box.send("LOGOUT\r\n");
    box.await("\r\nNO CARRIER\r\n");
    String stop = radius.awaitDetail("Acct-Status-Type = Stop", Duration.ofSeconds(10));
    assertContains(stop, "Acct-Terminate-Cause = User-Request");
    // 24 bytes of LOGIN and 8 of LOGOUT; the NAP ends a line at its CR and hangs up at once, so
    // the LF of LOGOUT may arrive after the call ended and not be counted.
    assertTrue(stop.contains("Acct-Input-Octets = 32") || stop.contains("Acct-Input-Octets = 31"),
        () -> "expected 31 or 32 input octets in:\n" + stop);
  }

  @Test
  void rejectedLoginIsHungUp() throws Exception {
    box.send("LOGIN carol wrong\r\n");
    assertEquals("REJECTED authentication failed\r\n", box.await("\r\n"));
    box.await("\r\nNO CARRIER\r\n");
  }

  private static void assertContains(String text, String part) {
    if (!text.contains(part)) {
      throw new AssertionError("expected '" + part + "' in:\n" + text);
    }
  }
}
