package org.connectivitybox.protocols.linkup;

import static org.connectivitybox.protocols.sequence.Task.ADDRESS_BOOK;
import static org.connectivitybox.protocols.sequence.Task.FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.connectivitybox.protocols.connection.BoxConnectionManager;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectionCodec;
import org.connectivitybox.protocols.connection.CssConnection;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.SubscriberCheck;
import org.connectivitybox.protocols.sendreceive.BillingRecord;
import org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.CssJob;
import org.connectivitybox.protocols.sendreceive.CssSendReceiveManager;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.Metering;
import org.connectivitybox.protocols.sendreceive.ReceiverCheck;
import org.connectivitybox.protocols.sendreceive.SendReceiveCodec;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.testing.VirtualScheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

/**
 * The successful linkup of Figure 10, played by the four state machines with every message
 * passed through its codec (bytes), as the CSS's HTTP layer and the boxes' clients will do.
 *
 * <pre>
 *  A --[c] CONNECT--> CSS; CSS --[d] GRANTED--> A; A --[e] SEND jo--> CSS (held)
 *  CSS --[f] wake up B; B --[i] CONNECT--> CSS; CSS --[j] GRANTED--> B, ACCEPTED--> A
 *  A --[k] set-up--> B; B --[l] VERIFY--> CSS; CSS --[m] CONFIRMED--> B
 *  A, B --[n] METERING interim, [p] METERING final--> CSS; CSS posts the billing record once
 *  A, B --[q] DISCONNECT--> CSS; CSS --[r] DISCONNECTED--> A, B
 * </pre>
 */
class Figure10ConversationTest {
  private static final CbId A = CbId.of("cb-a");
  private static final CbId B = CbId.of("cb-b");
  private static final CbName JO = CbName.of("jo12345678");

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<String> log = new ArrayList<>();
  private final List<BillingRecord> posted = new ArrayList<>();
  private final List<Runnable> pending = new ArrayList<>();
  private final Map<CbId, CssConnection> connections = new HashMap<>();
  private final Map<CbId, BoxConnectionManager> boxConnections = new HashMap<>();
  private final Map<CbId, BoxSendReceiveManager> boxJobs = new HashMap<>();
  private final AtomicLong next = new AtomicLong(16);
  private final SequenceNumbers cssNumbers = SequenceNumbers.of(ADDRESS_BOOK, 5, FIRMWARE, 2);
  private final CssSendReceiveManager css = new CssSendReceiveManager(
      () -> JobNumber.of(next.incrementAndGet()),
      new CssJob.Timeouts(Duration.ofSeconds(90), Duration.ofHours(1)), time, time,
      new CssJob.Listener() {
        @Override
        public void sendResponse(CssJob job, SendResponse r) {
          byte[] bytes = SendReceiveCodec.encode(r);
          log.add("CSS->" + job.sender() + " SEND " + (r.accepted() ? "ACCEPTED" : r.refusal()));
          pending.add(() -> boxJobs.get(job.sender())
              .onSendResponse(decode(() -> SendReceiveCodec.decodeSendResponse(bytes))));
        }

        @Override
        public void wakeUp(CssJob job) {
          log.add("CSS wakes up " + job.receiver());
          pending.add(() -> boxConnections.get(job.receiver()).connect());
        }

        @Override
        public void post(CssJob job, BillingRecord record) {
          posted.add(record);
          job.posted();
        }

        @Override
        public void removed(CssJob job) {
          log.add("CSS removed job " + job.number());
        }
      });

  private static InetAddress ip(CbId cb) {
    try {
      return InetAddress.getByName(cb.equals(A) ? "192.0.2.10" : "198.51.100.7");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Decoding<T> {
    T decode() throws IOException;
  }

  private static <T> T decode(Decoding<T> d) {
    try {
      return d.decode();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** One box: its two machines, whose requests reach the CSS as bytes. */
  private void box(CbId cb, SequenceNumbers own) {
    BoxConnectionManager conn = new BoxConnectionManager(() -> own, 4443, Duration.ofMinutes(5),
        BoxConnectionManager.TimeoutAction.DISCONNECT, time, new BoxConnectionManager.Listener() {
          @Override
          public void sendConnect(ConnectRequest r) {
            byte[] bytes = ConnectionCodec.encode(r);
            log.add(cb + "->CSS CONNECT");
            pending.add(() -> cssConnect(cb, bytes));
          }

          @Override
          public void sendDisconnect(DisconnectRequest r) {
            byte[] bytes = ConnectionCodec.encode(r);
            log.add(cb + "->CSS DISCONNECT");
            pending.add(() -> {
              CssConnection c = connections.get(cb);
              var response = c.onDisconnect(
                  decode(() -> ConnectionCodec.decodeDisconnectRequest(bytes)), cssNumbers,
                  css.jobOpen(cb));
              byte[] out = ConnectionCodec.encode(response);
              log.add("CSS->" + cb + " " + (response.confirmed() ? "DISCONNECTED" : "NOT"));
              boxConnections.get(cb).onDisconnectResponse(
                  decode(() -> ConnectionCodec.decodeDisconnectResponse(out)));
            });
          }
        });
    BoxSendReceiveManager jobs = new BoxSendReceiveManager(Duration.ofMinutes(2), time,
        new BoxSendReceiveManager.Listener() {
          @Override
          public void sendSend(SendRequest r) {
            byte[] bytes = SendReceiveCodec.encode(r);
            log.add(cb + "->CSS SEND " + r.receiver());
            pending.add(() -> {
              SendRequest q = decode(() -> SendReceiveCodec.decodeSendRequest(bytes));
              CssConnection receiver = connections.get(B);
              ReceiverCheck check = receiver != null
                  && receiver.state() == CssConnection.State.CONNECTED
                  ? ReceiverCheck.connected(B, new TransferAddress(receiver.address(),
                      receiver.dataTransferPort()))
                  : ReceiverCheck.notConnected(B);
              css.send(cb, ip(cb), q, check);
            });
          }

          @Override
          public void startTransfer(JobNumber job, TransferAddress to) {
            log.add(cb + "->" + B + " set-up job " + job);
            pending.add(() -> boxJobs.get(B).onTransferSetUp(job, ip(cb)));
          }

          @Override
          public void sendVerify(VerifyRequest r) {
            byte[] bytes = SendReceiveCodec.encode(r);
            log.add(cb + "->CSS VERIFY");
            pending.add(() -> {
              var response = css.verify(cb,
                  decode(() -> SendReceiveCodec.decodeVerifyRequest(bytes)));
              byte[] out = SendReceiveCodec.encode(response);
              log.add("CSS->" + cb + " VERIFY " + (response.confirmed() ? "CONFIRMED" : "NO"));
              boxJobs.get(cb).onVerifyResponse(
                  decode(() -> SendReceiveCodec.decodeVerifyResponse(out)));
            });
          }

          @Override
          public void sendMetering(Metering m) {
            byte[] bytes = SendReceiveCodec.encode(m);
            log.add(cb + "->CSS METERING " + m.getClass().getSimpleName());
            pending.add(() -> css.metering(cb, decode(() -> SendReceiveCodec.decodeMetering(bytes))));
          }
        });
    boxConnections.put(cb, conn);
    boxJobs.put(cb, jobs);
  }

  private void cssConnect(CbId cb, byte[] bytes) {
    ConnectRequest q = decode(() -> ConnectionCodec.decodeConnectRequest(bytes));
    CssConnection c = new CssConnection(cb, ip(cb), q, Duration.ofMinutes(10), time,
        new CssConnection.Listener() {
          @Override
          public void connected(CssConnection connection) {
            css.receiverConnected(connection.cbId(), new TransferAddress(connection.address(),
                connection.dataTransferPort()));
          }
        });
    Optional.ofNullable(connections.put(cb, c)).ifPresent(CssConnection::replaced);
    var response = c.checked(SubscriberCheck.valid(cssNumbers));
    byte[] out = ConnectionCodec.encode(response);
    log.add("CSS->" + cb + " CONNECT " + (response.granted() ? "GRANTED" : "REFUSED"));
    boxConnections.get(cb).onConnectResponse(
        decode(() -> ConnectionCodec.decodeConnectResponse(out)));
  }

  /** Delivers queued messages, in order, until the network is quiet. */
  private void run() {
    while (!pending.isEmpty()) {
      pending.remove(0).run();
    }
  }

  @Test
  void aSuccessfulLinkupOfASenderAndASleepingReceiver() {
    box(A, SequenceNumbers.of(ADDRESS_BOOK, 4, FIRMWARE, 2));
    box(B, cssNumbers);

    boxConnections.get(A).connect();                        // [c]
    run();                                                   // [d]
    assertEquals(Optional.of(5L), boxConnections.get(A).actionIndicators().cssNumber(ADDRESS_BOOK));
    boxJobs.get(A).send(JO);                                 // [e]
    run();                                                   // [f] .. [m]
    assertEquals(BoxSendReceiveManager.State.SENDING, boxJobs.get(A).state());
    assertEquals(BoxSendReceiveManager.State.RECEIVING, boxJobs.get(B).state());
    boxJobs.get(A).interimMetering(20_000, 1);               // [n]
    boxJobs.get(A).transferEnded(61_000, 3, true);           // [o], [p]
    boxJobs.get(B).transferEnded(61_000, 3, true);
    run();
    boxConnections.get(A).disconnect();                      // [q]
    boxConnections.get(B).disconnect();
    run();                                                   // [r]

    assertEquals(List.of(
        "cb-a->CSS CONNECT", "CSS->cb-a CONNECT GRANTED",
        "cb-a->CSS SEND jo12345678", "CSS wakes up cb-b",
        // [j] "at the same time": the held SEND is answered while B's CONNECT is being granted
        "cb-b->CSS CONNECT", "CSS->cb-a SEND ACCEPTED", "CSS->cb-b CONNECT GRANTED",
        "cb-a->cb-b set-up job 17", "cb-b->CSS VERIFY", "CSS->cb-b VERIFY CONFIRMED",
        "cb-a->CSS METERING InterimMetering", "cb-a->CSS METERING FinalMetering",
        "cb-b->CSS METERING FinalMetering", "CSS removed job 17",
        "cb-a->CSS DISCONNECT", "cb-b->CSS DISCONNECT",
        "CSS->cb-a DISCONNECTED", "CSS->cb-b DISCONNECTED"), log);
    assertEquals(1, posted.size(), "one billing record");
    assertTrue(posted.get(0).complete());
    for (CbId cb : List.of(A, B)) {
      assertEquals(BoxConnectionManager.State.IDLE, boxConnections.get(cb).state());
      assertEquals(BoxSendReceiveManager.State.IDLE, boxJobs.get(cb).state());
      assertEquals(CssConnection.State.CLOSED, connections.get(cb).state());
    }
  }

  @Test
  void aSenderThatDisconnectsBeforeItsFinalMeteringIsKeptOnLine() {
    box(A, cssNumbers);
    box(B, cssNumbers);
    boxConnections.get(B).connect();
    boxConnections.get(A).connect();
    run();
    boxJobs.get(A).send(JO);
    run();
    boxConnections.get(A).disconnect();
    run();
    assertEquals("CSS->cb-a NOT", log.get(log.size() - 1));
    assertEquals(BoxConnectionManager.State.ON_LINE, boxConnections.get(A).state());
    assertEquals(CssConnection.State.CONNECTED, connections.get(A).state());
  }
}
