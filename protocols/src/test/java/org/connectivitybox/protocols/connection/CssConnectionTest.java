package org.connectivitybox.protocols.connection;

import static org.connectivitybox.protocols.connection.CssConnection.State.CHECKING;
import static org.connectivitybox.protocols.connection.CssConnection.State.CLOSED;
import static org.connectivitybox.protocols.connection.CssConnection.State.CONNECTED;
import static org.connectivitybox.protocols.sequence.Task.ADDRESS_BOOK;
import static org.connectivitybox.protocols.sequence.Task.CONFIGURATION;
import static org.connectivitybox.protocols.sequence.Task.FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.connection.CssConnection.CloseCause;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** One test per transition and per timeout of Figure 7, and the rejected ones. */
class CssConnectionTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private static final SequenceNumbers BOX =
      SequenceNumbers.of(ADDRESS_BOOK, 4, CONFIGURATION, 1, FIRMWARE, 2);
  private static final SequenceNumbers CSS =
      SequenceNumbers.of(ADDRESS_BOOK, 5, CONFIGURATION, 1, FIRMWARE, 2);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<String> events = new ArrayList<>();
  private final CssConnection.Listener recorder = new CssConnection.Listener() {
    @Override
    public void connected(CssConnection c) {
      events.add("connected " + c.cbId());
    }

    @Override
    public void closed(CssConnection c, CloseCause cause) {
      events.add("closed " + cause);
    }
  };

  private CssConnection connection() throws Exception {
    return new CssConnection(CbId.of("cb-0001"), InetAddress.getByName("192.0.2.10"),
        new ConnectRequest(BOX, 4443), TIMEOUT, time, recorder);
  }

  private CssConnection connected() throws Exception {
    CssConnection c = connection();
    c.checked(SubscriberCheck.valid(CSS));
    events.clear();
    return c;
  }

  @Test
  void aNewConnectionIsChecking() throws Exception {
    CssConnection c = connection();
    assertEquals(CHECKING, c.state());
    assertEquals(4443, c.dataTransferPort());
  }

  @Test
  void aValidSubscriberIsGrantedWithTheMismatchingNumbers() throws Exception {
    CssConnection c = connection();
    ConnectResponse r = c.checked(SubscriberCheck.valid(CSS));
    assertEquals(ConnectResponse.granted(SequenceNumbers.of(ADDRESS_BOOK, 5)), r);
    assertEquals(CONNECTED, c.state());
    assertEquals(List.of("connected cb-0001"), events);
    assertEquals(1, time.pending());
  }

  @Test
  void anUnknownOrInvalidSubscriberIsRefusedAndTheObjectDestroyed() throws Exception {
    for (ConnectRefusal reason : ConnectRefusal.values()) {
      CssConnection c = connection();
      ConnectResponse r = c.checked(SubscriberCheck.refused(reason));
      assertFalse(r.granted());
      assertEquals(reason, r.refusal());
      assertEquals(CLOSED, c.state());
    }
    assertEquals(List.of("closed REFUSED", "closed REFUSED"), events);
    assertEquals(0, time.pending());
  }

  @Test
  void aDisconnectWithNoJobOpenIsConfirmedAndTheObjectDestroyed() throws Exception {
    CssConnection c = connected();
    DisconnectResponse r = c.onDisconnect(new DisconnectRequest(BOX), CSS, false);
    assertEquals(DisconnectResponse.confirmed(SequenceNumbers.of(ADDRESS_BOOK, 5)), r);
    assertEquals(CLOSED, c.state());
    assertEquals(List.of("closed DISCONNECTED"), events);
    assertEquals(0, time.pending());
  }

  @Test
  void aDisconnectWhileAJobIsOpenIsNotConfirmed() throws Exception {
    CssConnection c = connected();
    DisconnectResponse r = c.onDisconnect(new DisconnectRequest(BOX), CSS, true);
    assertEquals(DisconnectRefusal.JOB_IN_PROGRESS, r.refusal());
    assertEquals(CONNECTED, c.state());
    assertEquals(List.of(), events);
  }

  @Test
  void theTimeoutDestroysAnIdleConnection() throws Exception {
    CssConnection c = connected();
    time.advance(TIMEOUT.minusSeconds(1));
    assertEquals(CONNECTED, c.state());
    time.advance(Duration.ofSeconds(1));
    assertEquals(CLOSED, c.state());
    assertEquals(List.of("closed TIMED_OUT"), events);
  }

  @Test
  void everyTransactionRestartsTheTimeout() throws Exception {
    CssConnection c = connected();
    time.advance(Duration.ofMinutes(9));
    c.activity();
    time.advance(Duration.ofMinutes(9));
    SequenceCheckResponse r = c.onSequenceCheck(new SequenceCheckRequest(BOX), CSS);
    assertEquals(SequenceNumbers.of(ADDRESS_BOOK, 5), r.mismatched());
    time.advance(Duration.ofMinutes(9));
    assertEquals(CONNECTED, c.state());
    time.advance(Duration.ofMinutes(1));
    assertEquals(CLOSED, c.state());
  }

  @Test
  void aNewConnectFromTheSameBoxReplacesTheOldConnection() throws Exception {
    CssConnection checking = connection();
    checking.replaced();
    assertEquals(CLOSED, checking.state());
    assertEquals(List.of("closed REPLACED"), events);
    CssConnection c = connected();
    c.replaced();
    assertEquals(CLOSED, c.state());
    assertEquals(List.of("closed REPLACED"), events);
    assertEquals(0, time.pending());
  }

  @Test
  void everyOtherEventIsRejectedWithTheCurrentState() throws Exception {
    CssConnection checking = connection();
    assertRejected(checking::activity, "STAY_CONNECTED is not allowed in state CHECKING");
    assertRejected(() -> checking.onDisconnect(new DisconnectRequest(BOX), CSS, false),
        "in state CHECKING");
    CssConnection c = connected();
    assertRejected(() -> c.checked(SubscriberCheck.valid(CSS)), "GRANT is not allowed in state "
        + "CONNECTED");
    c.onDisconnect(new DisconnectRequest(BOX), CSS, false);
    assertRejected(c::activity, "in state CLOSED");
    assertRejected(() -> c.onSequenceCheck(new SequenceCheckRequest(BOX), CSS), "in state CLOSED");
    assertRejected(c::replaced, "REPLACE is not allowed in state CLOSED");
    assertRejected(() -> c.onDisconnect(new DisconnectRequest(BOX), CSS, false),
        "connection of cb-0001: DISCONNECT is not allowed in state CLOSED");
  }

  private static void assertRejected(Runnable r, String expected) {
    IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
