package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.connectivitybox.pstnsim.nap.NapSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyradius.packet.AccessRequest;
import org.tinyradius.packet.AccountingRequest;

/**
 * A box dials a NAP and logs in; the RADIUS server is tinyradius in the test:
 * <pre>
 *   box (1001)                 NAP 0845 (nap1)                RADIUS
 *   ATDT0845  ──────────────▶  answers
 *             ◀── CONNECT, NAP nap1 READY
 *   LOGIN alice wonderland ──▶            ── Access-Request ──▶
 *                                         ◀── Access-Accept ───
 *             ◀── ADDRESS 127.1.0.1 127.0.0.1
 *                                         ── Accounting-Start (Framed-IP-Address) ──▶
 *   LOGOUT ──────────────────▶ hangs up   ── Accounting-Stop ──▶
 *             ◀── NO CARRIER
 * </pre>
 */
class NapTest {
  private FakeRadius radius;
  private Simulator sim;
  private AtClient box;

  private void start(Duration loginTimeout, int authPort) throws Exception {
    radius = new FakeRadius("alice", "wonderland");
    NapSettings nap = TestConfigs.nap("0845", authPort < 0 ? radius.getAuthPort() : authPort,
        radius.getAcctPort(), FakeRadius.SECRET, loginTimeout);
    sim = Simulator.start(TestConfigs.with(TestConfigs.fast(), List.of(TestConfigs.line("1001")),
        List.of(nap), -1));
    box = new AtClient(sim.port("1001"));
    box.command("ATE0");
  }

  private void start() throws Exception {
    start(Duration.ofSeconds(30), -1);
  }

  @AfterEach
  void stop() throws Exception {
    if (box != null) {
      box.close();
    }
    if (sim != null) {
      sim.close();
    }
    if (radius != null) {
      radius.close();
    }
  }

  private void dialNap() throws Exception {
    assertEquals("\r\nCONNECT 33600\r\n", box.command("ATDT0845"));
    assertEquals("NAP nap1 READY\r\n", box.await("READY\r\n"));
  }

  @Test
  void acceptedLoginGetsAnAddressAndAccountingStartCarriesIt() throws Exception {
    start();
    dialNap();
    box.send("LOGIN alice wonderland\r\n");
    assertEquals("ADDRESS 127.1.0.1 127.0.0.1\r\n", box.await("\r\n"));

    AccessRequest ar = radius.access.poll();
    assertEquals("alice", ar.getUserName());
    assertEquals("nap1", ar.getAttribute("NAS-Identifier").getAttributeValue());
    assertEquals("127.0.0.1", ar.getAttribute("NAS-IP-Address").getAttributeValue());
    assertEquals("Async", ar.getAttribute("NAS-Port-Type").getAttributeValue());
    assertEquals("Framed-User", ar.getAttribute("Service-Type").getAttributeValue());
    assertEquals("PPP", ar.getAttribute("Framed-Protocol").getAttributeValue());
    assertEquals("0845", ar.getAttribute("Called-Station-Id").getAttributeValue());
    assertEquals("1001", ar.getAttribute("Calling-Station-Id").getAttributeValue());

    AccountingRequest start = radius.nextAccounting(Duration.ofSeconds(5));
    assertEquals(AccountingRequest.ACCT_STATUS_TYPE_START, start.getAcctStatusType());
    assertEquals("127.1.0.1", start.getAttribute("Framed-IP-Address").getAttributeValue());
    assertEquals("alice", start.getUserName());
    String session = start.getAttribute("Acct-Session-Id").getAttributeValue();

    box.send("LOGOUT\r\n");
    box.await("\r\nNO CARRIER\r\n");
    AccountingRequest stop = radius.nextAccounting(Duration.ofSeconds(5));
    assertEquals(AccountingRequest.ACCT_STATUS_TYPE_STOP, stop.getAcctStatusType());
    assertEquals(session, stop.getAttribute("Acct-Session-Id").getAttributeValue());
    assertEquals("User-Request", stop.getAttribute("Acct-Terminate-Cause").getAttributeValue());
    // LOGIN (24 bytes) and LOGOUT (8); the NAP hangs up at LOGOUT's CR, so its LF may come
    // after the call ended and not be counted.
    String octets = stop.getAttribute("Acct-Input-Octets").getAttributeValue();
    assertTrue(octets.equals("32") || octets.equals("31"), "input octets " + octets);
    assertEquals("45", stop.getAttribute("Acct-Output-Octets").getAttributeValue());
    assertTrue(stop.getAttribute("Acct-Session-Time") != null);
    awaitNoLeases();
  }

  private void awaitNoLeases() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sim.naps().get(0).leasedAddresses() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(0, sim.naps().get(0).leasedAddresses(), "address returned to the pool");
  }

  @Test
  void rejectedLoginIsToldWhyAndHungUp() throws Exception {
    start();
    dialNap();
    box.send("LOGIN alice wrong\r\n");
    assertEquals("REJECTED unknown user or wrong password\r\n", box.await("\r\n"));
    box.await("\r\nNO CARRIER\r\n");
    assertTrue(radius.accounting.isEmpty(), "no accounting for a rejected login");
  }

  @Test
  void malformedLoginIsRejected() throws Exception {
    start();
    dialNap();
    box.send("HELLO\r\n");
    assertTrue(box.await("\r\n").startsWith("REJECTED malformed login"));
    box.await("\r\nNO CARRIER\r\n");
  }

  @Test
  void noLoginInTimeIsHungUp() throws Exception {
    start(Duration.ofSeconds(1), -1);
    dialNap();
    box.await("\r\nNO CARRIER\r\n");
  }

  @Test
  void unreachableRadiusIsARejection() throws Exception {
    start(Duration.ofSeconds(30), FreePorts.udp());
    dialNap();
    box.send("LOGIN alice wonderland\r\n");
    assertEquals("REJECTED authentication server unreachable\r\n", box.await("\r\n"));
    box.await("\r\nNO CARRIER\r\n");
  }

  @Test
  void eachLoginLeasesAFreshAddressAndCarrierLossStopsAccounting() throws Exception {
    start();
    dialNap();
    box.send("LOGIN alice wonderland\r\n");
    String first = box.await("\r\n");
    radius.nextAccounting(Duration.ofSeconds(5));
    sim.exchange().dropCarrier("1001");
    box.await("\r\nNO CARRIER\r\n");
    AccountingRequest stop = radius.nextAccounting(Duration.ofSeconds(5));
    assertEquals("Lost-Carrier", stop.getAttribute("Acct-Terminate-Cause").getAttributeValue());
    awaitNoLeases();
    dialNap();
    box.send("LOGIN alice wonderland\r\n");
    String second = box.await("\r\n");
    assertNotEquals(first, second);
    assertEquals("ADDRESS 127.1.0.2 127.0.0.1\r\n", second);
  }
}
