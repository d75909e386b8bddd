package org.connectivitybox.protocols.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Scripted conversations between a {@link SimulatorLink} and a NAP played by the test over two
 * in-memory pipes (docs/pstn.md section 3). The happy path:
 *
 * <pre>
 *   NAP (test)                                   box (SimulatorLink)
 *     | ---- NAP pstn-sim-nap1 READY ------------>  |
 *     | <--- LOGIN box-0001 s3cret ---------------- |
 *     | ---- ADDRESS 127.1.0.7 127.0.0.1 -------->  |   outcome UP(127.1.0.7, 127.0.0.1)
 *     |                                             |   bringDown()
 *     | <--- LOGOUT ------------------------------- |   LinkDown BROUGHT_DOWN, channel closed
 * </pre>
 *
 * Every test ends with the link's reader thread finished.
 */
@DisplayName("SimulatorLink")
class SimulatorLinkTest {
  private static final Credentials LOGIN = new Credentials("box-0001", "s3cret");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final VirtualScheduler time = new VirtualScheduler();
  private final TestPipe napToBox = new TestPipe();
  private final TestPipe boxToNap = new TestPipe();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final List<LinkDown> downs = new CopyOnWriteArrayList<>();
  private final SimulatorLink link = new SimulatorLink(napToBox.in(), boxToNap.out(), time, time,
      r -> {
        Thread t = new Thread(r, "test-simulator-link");
        t.setDaemon(true);
        threads.add(t);
        return t;
      });

  SimulatorLinkTest() {
    link.addListener(downs::add);
  }

  @AfterEach
  void theReaderThreadHasEnded() throws InterruptedException {
    link.bringDown();
    for (Thread t : threads) {
      t.join(5_000);
      assertFalse(t.isAlive(), "reader thread still running");
    }
  }

  private static LinkOutcome outcome(CompletableFuture<LinkOutcome> f) throws Exception {
    return f.get(5, TimeUnit.SECONDS);
  }

  private CompletableFuture<LinkOutcome> loggedIn() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    napToBox.write("NAP pstn-sim-nap1 READY\r\n");
    assertEquals("LOGIN box-0001 s3cret", boxToNap.readLine(5));
    return f;
  }

  private LinkOutcome up() throws Exception {
    CompletableFuture<LinkOutcome> f = loggedIn();
    napToBox.write("ADDRESS 127.1.0.7 127.0.0.1\r\n");
    return outcome(f);
  }

  @Test
  void aLoginAnsweredWithAnAddressBringsTheLinkUpAndLogoutTakesItDown() throws Exception {
    assertEquals(new LinkOutcome.Up(InetAddress.getByName("127.1.0.7"),
        InetAddress.getByName("127.0.0.1")), up());
    assertEquals(LinkState.UP, link.state());
    assertEquals(0, time.pending(), "the timeout is cancelled once up");

    link.bringDown();
    link.bringDown();

    assertEquals("LOGOUT", boxToNap.readLine(5));
    assertEquals(LinkState.DOWN, link.state());
    assertEquals(1, downs.size());
    assertEquals(LinkDown.Cause.BROUGHT_DOWN, downs.get(0).cause());
    assertEquals(time.instant(), downs.get(0).at());
    assertTrue(napToBox.closedByReader(), "the link closes the data channel when down");
  }

  @Test
  void lineEndsMayBeCrLfLfOrCrAndBlankLinesAreSkipped() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    napToBox.write("\r\n\n\rNAP nap-2 READY\n");
    assertEquals("LOGIN box-0001 s3cret", boxToNap.readLine(5));
    napToBox.write("\r\r\nADDRESS 127.0.0.9 127.0.0.1\r");
    assertInstanceOf(LinkOutcome.Up.class, outcome(f));
  }

  @Test
  void aRejectedLoginIsATypedOutcomeWithTheNapsReason() throws Exception {
    CompletableFuture<LinkOutcome> f = loggedIn();
    napToBox.write("REJECTED unknown user or wrong password\r\n");

    assertEquals(new LinkOutcome.Rejected("unknown user or wrong password"), outcome(f));
    assertEquals(LinkState.DOWN, link.state());
    assertTrue(downs.isEmpty(), "a link that never came up does not report going down");
    assertTrue(napToBox.closedByReader());
  }

  @Test
  void noReadyWithinTheTimeoutIsTimedOut() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    time.advance(Duration.ofSeconds(29));
    assertFalse(f.isDone());

    time.advance(Duration.ofSeconds(1));

    assertEquals(new LinkOutcome.TimedOut(TIMEOUT), outcome(f));
    assertEquals(LinkState.DOWN, link.state());
    assertNull(boxToNap.readLine(0), "no login was sent");
  }

  @Test
  void noAnswerToTheLoginWithinTheTimeoutIsTimedOutAndALateAddressIsIgnored() throws Exception {
    CompletableFuture<LinkOutcome> f = loggedIn();
    time.advance(TIMEOUT);
    assertEquals(new LinkOutcome.TimedOut(TIMEOUT), outcome(f));

    napToBox.write("ADDRESS 127.1.0.7 127.0.0.1\r\n");
    assertEquals(LinkState.DOWN, link.state());
    assertTrue(downs.isEmpty());
  }

  @Test
  void endOfStreamBeforeReadyIsCarrierLost() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    napToBox.out().close();

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertEquals("carrier lost: the data channel ended while expecting NAP <name> READY",
        failed.cause().getMessage());
  }

  @Test
  void noCarrierAfterTheLoginIsCarrierLost() throws Exception {
    CompletableFuture<LinkOutcome> f = loggedIn();
    napToBox.write("\r\nNO CARRIER\r\n");

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertEquals("carrier lost: NO CARRIER while expecting ADDRESS or REJECTED",
        failed.cause().getMessage());
  }

  @Test
  void endOfStreamWhileUpIsReportedAsCallEnded() throws Exception {
    up();
    napToBox.out().close();

    LinkDown down = awaitDown();
    assertEquals(LinkDown.Cause.CALL_ENDED, down.cause());
    assertEquals("carrier lost: the data channel ended while expecting nothing after ADDRESS",
        down.detail());
    assertEquals(LinkState.DOWN, link.state());
  }

  @Test
  void noCarrierWhileUpIsReportedAsCallEnded() throws Exception {
    up();
    napToBox.write("\r\nNO CARRIER\r\n");
    assertEquals(LinkDown.Cause.CALL_ENDED, awaitDown().cause());
  }

  @Test
  void thePstnLayerReportingTheCallEndedTakesTheLinkDownOnce() throws Exception {
    up();
    link.callEnded();
    link.callEnded();
    link.bringDown();

    assertEquals(1, downs.size());
    assertEquals(LinkDown.Cause.CALL_ENDED, downs.get(0).cause());
    assertNull(boxToNap.readLine(0), "no LOGOUT on a call that is gone");
  }

  @Test
  void anUnexpectedLineWhileUpIsALinkFailureQuotingIt() throws Exception {
    up();
    napToBox.write("ADDRESS 127.1.0.8 127.0.0.1\r\n");

    LinkDown down = awaitDown();
    assertEquals(LinkDown.Cause.LINK_FAILED, down.cause());
    assertEquals("expected nothing after ADDRESS but received 'ADDRESS 127.1.0.8 127.0.0.1'",
        down.detail());
  }

  @Test
  void aLineOutOfTurnFailsNamingWhatWasReceived() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    napToBox.write("ADDRESS 127.1.0.7 127.0.0.1\r\n");

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertInstanceOf(NapProtocolException.class, failed.cause());
    assertEquals("expected NAP <name> READY but received 'ADDRESS 127.1.0.7 127.0.0.1'",
        failed.cause().getMessage());
    assertNull(boxToNap.readLine(0), "no login to a NAP that broke the protocol");
  }

  @Test
  void aMalformedLineFailsQuotingIt() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    napToBox.write("NAP  nap1 READY\r\n");

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertEquals("malformed line from the NAP: 'NAP  nap1 READY' (expected 'NAP <name> READY',"
        + " 'ADDRESS <box> <peer>' or 'REJECTED <reason>')", failed.cause().getMessage());
  }

  @Test
  void aBoxAddressOutsideLoopbackIsRefused() throws Exception {
    CompletableFuture<LinkOutcome> f = loggedIn();
    napToBox.write("ADDRESS 10.0.2.15 10.0.2.2\r\n");

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertEquals("the NAP assigned box address 10.0.2.15, outside 127.0.0.0/8",
        failed.cause().getMessage());
    assertTrue(downs.isEmpty());
  }

  @Test
  void aControlCharacterIsRefusedNamingTheByte() throws Exception {
    CompletableFuture<LinkOutcome> f = link.bringUp(LOGIN, TIMEOUT);
    napToBox.write("NAP nap1\tREADY\r\n");

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertEquals("byte 0x09 is not printable ASCII, after 'NAP nap1'",
        failed.cause().getMessage());
  }

  @Test
  void bringingDownWhileEstablishingFailsTheOutcome() throws Exception {
    CompletableFuture<LinkOutcome> f = loggedIn();
    link.bringDown();

    LinkOutcome.Failed failed = assertInstanceOf(LinkOutcome.Failed.class, outcome(f));
    assertEquals("brought down by the box", failed.cause().getMessage());
    assertTrue(downs.isEmpty());
    assertEquals(0, time.pending());
  }

  @Test
  void bringingDownBeforeBringingUpLeavesTheLinkDown() {
    link.bringDown();
    assertEquals(LinkState.DOWN, link.state());
    assertThrows(IllegalStateException.class, () -> link.bringUp(LOGIN, TIMEOUT));
  }

  @Test
  void aLinkComesUpOnceAndNeedsAPositiveTimeout() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> link.bringUp(LOGIN, Duration.ZERO));
    assertEquals(LinkState.IDLE, link.state());
    link.bringUp(LOGIN, TIMEOUT);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> link.bringUp(LOGIN, TIMEOUT));
    assertEquals("simulator link cannot go from ESTABLISHING to ESTABLISHING", e.getMessage());
  }

  @Test
  void aListenerThatThrowsDoesNotKeepOthersFromHearing() throws Exception {
    link.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });
    List<LinkDown> second = new CopyOnWriteArrayList<>();
    link.addListener(second::add);
    LinkListener removed = e -> {
      throw new AssertionError("removed listener called");
    };
    link.addListener(removed);
    link.removeListener(removed);
    up();

    link.bringDown();

    assertEquals(1, downs.size());
    assertEquals(1, second.size());
  }

  private LinkDown awaitDown() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (downs.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, downs.size(), "exactly one link-down event");
    return downs.get(0);
  }
}
