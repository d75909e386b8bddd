package org.connectivitybox.protocols.connection;

import static org.connectivitybox.protocols.sequence.Task.FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

class CssConnectionManagerTest {
  private static final CbId A = CbId.of("cb-a");
  private static final ConnectRequest REQUEST =
      new ConnectRequest(SequenceNumbers.of(FIRMWARE, 1), 4443);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<String> events = new ArrayList<>();
  private final CssConnectionManager manager = new CssConnectionManager(Duration.ofMinutes(10),
      time, new CssConnection.Listener() {
        @Override
        public void connected(CssConnection c) {
          events.add("connected " + c.address().getHostAddress());
        }

        @Override
        public void closed(CssConnection c, CssConnection.CloseCause cause) {
          events.add("closed " + c.address().getHostAddress() + " " + cause);
        }
      });

  @Test
  void aGrantedConnectionIsFoundByCbIdUntilItCloses() throws Exception {
    ConnectResponse r = manager.connect(A, InetAddress.getByName("192.0.2.10"), REQUEST,
        cb -> SubscriberCheck.valid(SequenceNumbers.of(FIRMWARE, 2)));
    assertEquals(ConnectResponse.granted(SequenceNumbers.of(FIRMWARE, 2)), r);
    assertTrue(manager.connected(A).isPresent());
    time.advance(Duration.ofMinutes(10));
    assertFalse(manager.connected(A).isPresent());
    assertEquals(List.of("connected 192.0.2.10", "closed 192.0.2.10 TIMED_OUT"), events);
  }

  @Test
  void aRefusedBoxHasNoConnection() throws Exception {
    ConnectResponse r = manager.connect(A, InetAddress.getByName("192.0.2.10"), REQUEST,
        cb -> SubscriberCheck.refused(ConnectRefusal.NO_SUBSCRIBER_RECORD));
    assertFalse(r.granted());
    assertFalse(manager.connected(A).isPresent());
  }

  @Test
  void aBoxThatConnectsAgainReplacesItsOldConnection() throws Exception {
    manager.connect(A, InetAddress.getByName("192.0.2.10"), REQUEST,
        cb -> SubscriberCheck.valid(SequenceNumbers.NONE));
    manager.connect(A, InetAddress.getByName("192.0.2.99"), REQUEST,
        cb -> SubscriberCheck.valid(SequenceNumbers.NONE));
    assertEquals("192.0.2.99", manager.connected(A).get().address().getHostAddress());
    assertEquals(List.of("connected 192.0.2.10", "closed 192.0.2.10 REPLACED",
        "connected 192.0.2.99"), events);
    assertEquals(1, time.pending(), "the old connection's timer is cancelled");
  }
}
