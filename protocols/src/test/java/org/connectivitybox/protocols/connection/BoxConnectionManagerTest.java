package org.connectivitybox.protocols.connection;

import static org.connectivitybox.protocols.connection.BoxConnectionManager.State.CONNECTING;
import static org.connectivitybox.protocols.connection.BoxConnectionManager.State.DISCONNECTING;
import static org.connectivitybox.protocols.connection.BoxConnectionManager.State.IDLE;
import static org.connectivitybox.protocols.connection.BoxConnectionManager.State.ON_LINE;
import static org.connectivitybox.protocols.sequence.Task.ADDRESS_BOOK;
import static org.connectivitybox.protocols.sequence.Task.FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.protocols.connection.BoxConnectionManager.IdleCause;
import org.connectivitybox.protocols.connection.BoxConnectionManager.TimeoutAction;
import org.connectivitybox.protocols.sequence.ActionIndicators;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.junit.jupiter.api.Test;

/** One test per transition and per timeout of Figure 3, and the rejected ones. */
class BoxConnectionManagerTest {
  private static final Duration ON_LINE_TIMEOUT = Duration.ofSeconds(120);
  private static final SequenceNumbers OWN = SequenceNumbers.of(ADDRESS_BOOK, 4, FIRMWARE, 2);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<Object> effects = new ArrayList<>();
  private final BoxConnectionManager.Listener recorder = new BoxConnectionManager.Listener() {
    @Override
    public void sendConnect(ConnectRequest r) {
      effects.add(r);
    }

    @Override
    public void sendDisconnect(DisconnectRequest r) {
      effects.add(r);
    }

    @Override
    public void sendSequenceCheck(SequenceCheckRequest r) {
      effects.add(r);
    }

    @Override
    public void onLine(ActionIndicators a) {
      effects.add("onLine " + a.pending());
    }

    @Override
    public void idle(IdleCause cause, ConnectRefusal refusal) {
      effects.add("idle " + cause + (refusal == null ? "" : " " + refusal));
    }

    @Override
    public void actionIndicatorsChanged(ActionIndicators a) {
      effects.add("indicators " + a.pending());
    }
  };

  private BoxConnectionManager manager(TimeoutAction action) {
    return new BoxConnectionManager(() -> OWN, 4443, ON_LINE_TIMEOUT, action, time, recorder);
  }

  private BoxConnectionManager onLine(TimeoutAction action) {
    BoxConnectionManager m = manager(action);
    m.connect();
    m.onConnectResponse(ConnectResponse.granted(SequenceNumbers.NONE));
    effects.clear();
    return m;
  }

  @Test
  void connectSendsTheBoxSequenceNumbersAndNoIdentity() {
    BoxConnectionManager m = manager(TimeoutAction.DISCONNECT);
    m.connect();
    assertEquals(CONNECTING, m.state());
    assertEquals(List.of(new ConnectRequest(OWN, 4443)), effects);
  }

  @Test
  void aGrantedConnectGoesOnLineAndKeepsTheMismatchesAsActionIndicators() {
    BoxConnectionManager m = manager(TimeoutAction.DISCONNECT);
    m.connect();
    effects.clear();
    m.onConnectResponse(ConnectResponse.granted(SequenceNumbers.of(FIRMWARE, 3)));
    assertEquals(ON_LINE, m.state());
    assertEquals(Optional.of(3L), m.actionIndicators().cssNumber(FIRMWARE));
    assertEquals(List.of("onLine [FIRMWARE]"), effects);
    assertEquals(1, time.pending(), "the On Line timer is armed");
  }

  @Test
  void aRefusedConnectGoesBackToIdleWithTheReason() {
    BoxConnectionManager m = manager(TimeoutAction.DISCONNECT);
    m.connect();
    effects.clear();
    m.onConnectResponse(ConnectResponse.refused(ConnectRefusal.NOT_A_VALID_SUBSCRIBER));
    assertEquals(IDLE, m.state());
    assertEquals(List.of("idle REFUSED NOT_A_VALID_SUBSCRIBER"), effects);
    assertEquals(0, time.pending());
  }

  @Test
  void disconnectOnJobTerminationSendsDisconnect() {
    BoxConnectionManager m = onLine(TimeoutAction.DISCONNECT);
    m.disconnect();
    assertEquals(DISCONNECTING, m.state());
    assertEquals(List.of(new DisconnectRequest(OWN)), effects);
    assertEquals(0, time.pending(), "the On Line timer stops");
  }

  @Test
  void aConfirmedDisconnectGoesIdle() {
    BoxConnectionManager m = onLine(TimeoutAction.DISCONNECT);
    m.disconnect();
    effects.clear();
    m.onDisconnectResponse(DisconnectResponse.confirmed(SequenceNumbers.of(ADDRESS_BOOK, 5)));
    assertEquals(IDLE, m.state());
    assertEquals(List.of("indicators [ADDRESS_BOOK]", "idle DISCONNECTED"), effects);
  }

  @Test
  void anUnconfirmedDisconnectResumesOnLineWithTheTimerReArmed() {
    BoxConnectionManager m = onLine(TimeoutAction.DISCONNECT);
    m.disconnect();
    effects.clear();
    m.onDisconnectResponse(DisconnectResponse.notConfirmed(DisconnectRefusal.JOB_IN_PROGRESS,
        SequenceNumbers.NONE));
    assertEquals(ON_LINE, m.state());
    assertEquals(List.of("onLine []"), effects);
    assertEquals(1, time.pending());
  }

  /*
   * box                          CSS
   *  |--CONNECT------------------>|
   *  |<--------CONNECT (granted)--|
   *  |     ... 120 s, no activity ...
   *  |--DISCONNECT--------------->|   (timeout, DISCONNECT mode)
   */
  @Test
  void theOnLineTimeoutSendsDisconnect() {
    BoxConnectionManager m = onLine(TimeoutAction.DISCONNECT);
    time.advance(ON_LINE_TIMEOUT.minusSeconds(1));
    assertEquals(ON_LINE, m.state());
    time.advance(Duration.ofSeconds(1));
    assertEquals(DISCONNECTING, m.state());
    assertEquals(List.of(new DisconnectRequest(OWN)), effects);
  }

  @Test
  void theOnLineTimeoutCanForceTheDisconnectionStraightToIdle() {
    BoxConnectionManager m = onLine(TimeoutAction.FORCE);
    time.advance(ON_LINE_TIMEOUT);
    assertEquals(IDLE, m.state());
    assertEquals(List.of("idle FORCED_BY_TIMEOUT"), effects);
  }

  @Test
  void activityRestartsTheOnLineTimeout() {
    BoxConnectionManager m = onLine(TimeoutAction.DISCONNECT);
    time.advance(Duration.ofSeconds(100));
    m.activity();
    time.advance(Duration.ofSeconds(100));
    assertEquals(ON_LINE, m.state());
    time.advance(Duration.ofSeconds(20));
    assertEquals(DISCONNECTING, m.state());
  }

  @Test
  void theSequenceNumberCheckStaysOnLineAndUpdatesTheIndicators() {
    BoxConnectionManager m = onLine(TimeoutAction.DISCONNECT);
    m.checkSequenceNumbers();
    m.onSequenceCheckResponse(new SequenceCheckResponse(SequenceNumbers.of(FIRMWARE, 7)));
    assertEquals(ON_LINE, m.state());
    assertEquals(List.of(new SequenceCheckRequest(OWN), "indicators [FIRMWARE]"), effects);
    m.taskDone(FIRMWARE);
    assertEquals(Set.of(), m.actionIndicators().pending());
  }

  @Test
  void aLostLinkEndsTheConnectionFromEveryBusyState() {
    BoxConnectionManager connecting = manager(TimeoutAction.DISCONNECT);
    connecting.connect();
    connecting.linkLost();
    assertEquals(IDLE, connecting.state());
    BoxConnectionManager online = onLine(TimeoutAction.DISCONNECT);
    online.linkLost();
    assertEquals(IDLE, online.state());
    assertEquals(0, time.pending());
    BoxConnectionManager disconnecting = onLine(TimeoutAction.DISCONNECT);
    disconnecting.disconnect();
    disconnecting.linkLost();
    assertEquals(IDLE, disconnecting.state());
  }

  @Test
  void aTimerThatFiresAfterDisconnectionChangesNothing() {
    BoxConnectionManager m = onLine(TimeoutAction.FORCE);
    m.disconnect();
    m.onDisconnectResponse(DisconnectResponse.confirmed(SequenceNumbers.NONE));
    effects.clear();
    time.advance(ON_LINE_TIMEOUT.multipliedBy(2));
    assertEquals(IDLE, m.state());
    assertEquals(List.of(), effects);
  }

  @Test
  void everyOtherEventIsRejectedWithTheCurrentState() {
    BoxConnectionManager idle = manager(TimeoutAction.DISCONNECT);
    assertRejected(() -> idle.onConnectResponse(ConnectResponse.granted(SequenceNumbers.NONE)),
        "GRANTED is not allowed in state IDLE");
    assertRejected(idle::disconnect, "DISCONNECT is not allowed in state IDLE");
    assertRejected(idle::activity, "in state IDLE");
    assertRejected(idle::checkSequenceNumbers, "in state IDLE");
    assertRejected(idle::linkLost, "LINK_LOST is not allowed in state IDLE");
    assertRejected(() -> idle.onDisconnectResponse(DisconnectResponse.confirmed(
        SequenceNumbers.NONE)), "in state IDLE");

    BoxConnectionManager connecting = manager(TimeoutAction.DISCONNECT);
    connecting.connect();
    assertRejected(connecting::connect, "CONNECT is not allowed in state CONNECTING");
    assertRejected(connecting::disconnect, "in state CONNECTING");

    BoxConnectionManager online = onLine(TimeoutAction.DISCONNECT);
    assertRejected(online::connect, "in state ON_LINE");
    assertRejected(() -> online.onConnectResponse(ConnectResponse.granted(SequenceNumbers.NONE)),
        "in state ON_LINE");

    online.disconnect();
    assertRejected(online::disconnect, "in state DISCONNECTING");
    assertRejected(online::activity, "in state DISCONNECTING");
  }

  @Test
  void aNonPositiveTimeoutIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BoxConnectionManager(() -> OWN, 4443,
        Duration.ZERO, TimeoutAction.FORCE, time, recorder));
  }

  private static void assertRejected(Runnable r, String expected) {
    IllegalStateException e = assertThrows(IllegalStateException.class, r::run);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
