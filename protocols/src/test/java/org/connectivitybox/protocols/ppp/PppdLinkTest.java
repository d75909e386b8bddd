package org.connectivitybox.protocols.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PppdLink} running a fake pppd: a shell script (test resources) that reads the password
 * from its standard input and prints a pppd 2.4.9 transcript on standard error, as the real one
 * does with {@code nodetach logfd 2}. Each test reaps what it started.
 */
@DisplayName("PppdLink with a fake pppd")
class PppdLinkTest {
  private static final Credentials LOGIN = new Credentials("box-0001", "s3cret");
  private static final Duration TIMEOUT = Duration.ofSeconds(45);
  private static final PppdSettings SETTINGS = PppdSettings.defaults(Path.of("/dev/ttyS1"));

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<List<String>> commands = new CopyOnWriteArrayList<>();
  private final List<Process> processes = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final List<LinkDown> downs = new CopyOnWriteArrayList<>();
  private final CompletableFuture<PppdMessage> connected = new CompletableFuture<>();

  private PppdLink link(String script) {
    ProcessLauncher fake = command -> {
      commands.add(command);
      List<String> run = new ArrayList<>(List.of("/bin/sh", resource(script)));
      run.addAll(command.subList(1, command.size()));
      Process p = ProcessLauncher.system().start(run);
      processes.add(p);
      return p;
    };
    PppdLink link = new PppdLink(SETTINGS, fake, time, time, r -> {
      Thread t = new Thread(r, "test-pppd-link");
      t.setDaemon(true);
      threads.add(t);
      return t;
    });
    link.addListener(downs::add);
    link.addMessageListener(m -> {
      if (m instanceof PppdMessage.Connected) {
        connected.complete(m);
      }
    });
    return link;
  }

  @AfterEach
  void everythingStartedIsReaped() throws InterruptedException {
    for (Process p : processes) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      assertTrue(p.waitFor(5, TimeUnit.SECONDS), "fake pppd not reaped");
    }
    for (Thread t : threads) {
      t.join(5_000);
      assertFalse(t.isAlive(), "reader thread still running");
    }
  }

  @Test
  void theTranscriptOfASuccessfulLoginBringsTheLinkUpWithPppdsAddresses() throws Exception {
    PppdLink link = link("fake-pppd-up.sh");

    LinkOutcome outcome = link.bringUp(LOGIN, TIMEOUT).get(10, TimeUnit.SECONDS);

    assertEquals(new LinkOutcome.Up(InetAddress.getByName("10.0.2.15"),
        InetAddress.getByName("10.0.2.2")), outcome);
    assertEquals(PppdCommandLine.of(SETTINGS, "box-0001"), commands.get(0));
    assertFalse(String.join(" ", commands.get(0)).contains("s3cret"));
    assertFalse(link.exited().isDone(), "pppd stays up with the link");

    link.bringDown();
    link.bringDown();

    assertEquals(5, link.exited().get(10, TimeUnit.SECONDS), "SIGTERM: EXIT_USER_REQUEST");
    assertEquals(1, downs.size());
    assertEquals(LinkDown.Cause.BROUGHT_DOWN, downs.get(0).cause());
    assertEquals(LinkState.DOWN, link.state());
  }

  @Test
  void aRefusedPapLoginIsRejectedWithTheNapsMessage() throws Exception {
    PppdLink link = link("fake-pppd-auth-failed.sh");

    LinkOutcome outcome = link.bringUp(LOGIN, TIMEOUT).get(10, TimeUnit.SECONDS);

    assertEquals(new LinkOutcome.Rejected("Login incorrect"), outcome);
    link.exited().get(10, TimeUnit.SECONDS);
    assertTrue(downs.isEmpty());
  }

  @Test
  void aModemHangupWhileUpIsReportedAsTheCallEndingWithExit16() throws Exception {
    PppdLink link = link("fake-pppd-hangup.sh");
    assertInstanceOf(LinkOutcome.Up.class, link.bringUp(LOGIN, TIMEOUT).get(10, TimeUnit.SECONDS));

    assertEquals(16, link.exited().get(10, TimeUnit.SECONDS));
    LinkDown down = awaitDown();
    assertEquals(LinkDown.Cause.CALL_ENDED, down.cause());
    assertEquals("pppd exited with 16 (HANGUP), after Modem hangup;"
        + " sent 310 bytes, received 297 bytes", down.detail());
  }

  @Test
  void theNapEndingTheSessionIsReportedAsPeerTerminated() throws Exception {
    PppdLink link = link("fake-pppd-peer-terminated.sh");
    assertInstanceOf(LinkOutcome.Up.class, link.bringUp(LOGIN, TIMEOUT).get(10, TimeUnit.SECONDS));

    link.exited().get(10, TimeUnit.SECONDS);
    LinkDown down = awaitDown();
    assertEquals(LinkDown.Cause.PEER_TERMINATED, down.cause());
    assertEquals("pppd exited with 0 (OK), after LCP terminated by peer (session closed by NAP);"
        + " sent 310 bytes, received 297 bytes", down.detail());
  }

  @Test
  void noAddressesWithinTheTimeoutIsTimedOutAndPppdIsStopped() throws Exception {
    PppdLink link = link("fake-pppd-negotiating.sh");
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    assertEquals(new PppdMessage.Connected("ppp0", "/dev/ttyS1"),
        connected.get(10, TimeUnit.SECONDS));
    time.advance(TIMEOUT.minusSeconds(1));
    assertFalse(f.isDone());

    time.advance(Duration.ofSeconds(1));

    assertEquals(new LinkOutcome.TimedOut(TIMEOUT), f.get(5, TimeUnit.SECONDS));
    assertEquals(5, link.exited().get(10, TimeUnit.SECONDS));
    assertTrue(downs.isEmpty());
  }

  @Test
  void aPppdThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    PppdLink link = link("fake-pppd-deaf.sh");
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    connected.get(10, TimeUnit.SECONDS); // the trap is set
    time.advance(TIMEOUT);
    assertInstanceOf(LinkOutcome.TimedOut.class, f.get(5, TimeUnit.SECONDS));
    Thread.sleep(200); // real time for the real process to ignore SIGTERM; nothing asserts on it
    assertFalse(link.exited().isDone(), "SIGTERM ignored");

    time.advance(SETTINGS.terminateGrace());

    assertEquals(128 + 9, link.exited().get(10, TimeUnit.SECONDS), "SIGKILL");
  }

  @Test
  void pppdExitingBeforeTheLinkIsUpFailsNamingTheExitCode() throws Exception {
    PppdLink link = link("fake-pppd-option-error.sh");

    LinkOutcome outcome = link.bringUp(LOGIN, TIMEOUT).get(10, TimeUnit.SECONDS);

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome);
    assertEquals("pppd exited with 2 (OPTION_ERROR)", failed.cause().getMessage());
  }

  @Test
  void aPppdThatCannotBeStartedFails() throws Exception {
    PppdLink link = new PppdLink(SETTINGS, command -> {
      throw new IOException("error=2, No such file or directory");
    }, time, time, Thread::new);

    LinkOutcome outcome = link.bringUp(LOGIN, TIMEOUT).get(5, TimeUnit.SECONDS);

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome);
    assertEquals("cannot start /usr/sbin/pppd: error=2, No such file or directory",
        failed.cause().getMessage());
    assertTrue(link.exited().isCompletedExceptionally());
    assertEquals(0, time.pending());
  }

  @Test
  void thePstnLayerReportingTheCallEndedStopsPppd() throws Exception {
    PppdLink link = link("fake-pppd-up.sh");
    assertInstanceOf(LinkOutcome.Up.class, link.bringUp(LOGIN, TIMEOUT).get(10, TimeUnit.SECONDS));

    link.callEnded();

    assertEquals(5, link.exited().get(10, TimeUnit.SECONDS));
    assertEquals(1, downs.size());
    assertEquals(LinkDown.Cause.CALL_ENDED, downs.get(0).cause());
  }

  private LinkDown awaitDown() throws InterruptedException {
    for (Thread t : threads) {
      t.join(10_000); // the reader reports, then ends
    }
    assertEquals(1, downs.size(), "exactly one link-down event");
    return downs.get(0);
  }

  private static String resource(String name) {
    try {
      return Path.of(PppdLinkTest.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
