package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.protocols.ppp.Credentials;
import org.connectivitybox.protocols.ppp.LinkOutcome;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.ppp.SimulatorLink;
import org.connectivitybox.protocols.pstn.DataCall;
import org.connectivitybox.protocols.pstn.DialOutcome;
import org.connectivitybox.protocols.pstn.DialString;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The box's own PSTN and PPP layers against the simulator's NAP: the modem driver dials the NAP,
 * the simulator link logs in over the call's data, RADIUS decides, and the box gets an address
 * of its own that its sockets can bind to.
 *
 * <pre>
 *   box: ModemDriver ── tcp ──▶ line 5551001 ══ call ══▶ NAP 0845 ── RADIUS ──▶ tinyradius (test)
 *        SimulatorLink ◀─ READY / LOGIN / ADDRESS 127.1.0.x ─▶ NAP
 * </pre>
 */
class BoxLogsInAtNapTest {
  static final String BOX = "5551001";
  static final String NAP = "0845";

  FakeRadius radius;
  Simulator sim;
  SystemModemTime time;
  ModemDriver box;
  ScheduledExecutorService timers;

  @BeforeEach
  void setUp() throws Exception {
    radius = new FakeRadius("CB-0001", "pass-word-1");
    sim = Simulator.start(TestConfigs.with(TestConfigs.fast(), List.of(TestConfigs.line(BOX)),
        List.of(TestConfigs.nap(NAP, radius.getAuthPort(), radius.getAcctPort(),
            FakeRadius.SECRET, Duration.ofSeconds(5))), -1));
    time = new SystemModemTime();
    timers = Executors.newSingleThreadScheduledExecutor();
    box = ModemDriver.start(SerialLines.open("tcp:127.0.0.1:" + sim.port(BOX)),
        ModemProfile.GENERIC, time, ModemSettings.DEFAULTS);
    box.initialise();
  }

  @AfterEach
  void tearDown() throws Exception {
    box.close();
    time.close();
    timers.shutdownNow();
    sim.close();
    radius.close();
  }

  @Test
  void anAcceptedLoginGivesTheBoxAnAddressItsSocketsBindTo() throws Exception {
    SimulatorLink link = dialNapAndLink();
    LinkOutcome outcome = link.bringUp(new Credentials("CB-0001", "pass-word-1"),
        Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
    LinkOutcome.Up up = assertInstanceOf(LinkOutcome.Up.class, outcome, outcome.toString());
    assertTrue(up.local().getHostAddress().startsWith("127.1.0."), up.toString());
    assertTrue(radius.accounting.poll(5, TimeUnit.SECONDS) != null, "Accounting-Start sent");

    // The dynamic address is usable: a connection from it reaches a peer, which sees it.
    try (ServerSocket peer = new ServerSocket(0, 1, up.peer());
        Socket s = new Socket()) {
      s.bind(new InetSocketAddress(up.local(), 0));
      s.connect(peer.getLocalSocketAddress(), 5000);
      try (Socket accepted = peer.accept()) {
        assertEquals(up.local(), accepted.getInetAddress());
      }
    }
    link.bringDown();
    box.hangUp();
  }

  @Test
  void aRefusedLoginIsRejectedWithTheNapsReason() throws Exception {
    SimulatorLink link = dialNapAndLink();
    LinkOutcome outcome = link.bringUp(new Credentials("CB-0001", "wrong"),
        Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
    LinkOutcome.Rejected rejected =
        assertInstanceOf(LinkOutcome.Rejected.class, outcome, outcome.toString());
    assertTrue(!rejected.reason().isBlank(), rejected.toString());
  }

  private SimulatorLink dialNapAndLink() throws Exception {
    DialOutcome dialled = box.dial(DialString.tone(NAP), Duration.ofSeconds(10));
    assertEquals(DialOutcome.Kind.CONNECTED, dialled.kind(), dialled.toString());
    DataCall call = box.dataCall().orElseThrow();
    return new SimulatorLink(call.input(), call.output(), Clock.systemUTC(),
        Scheduler.of(timers), Thread::new);
  }
}
