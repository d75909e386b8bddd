package org.connectivitybox.firmware.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import okhttp3.EventListener;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.store.AllowedHours;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.store.SenderRule;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRules;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.InterimMetering;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.SendRefusal;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRefusal;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The linkup of two boxes through the real CSS on loopback, the receiver on line (no wakeup).
 *
 * <pre>
 *   A (cb-alice)                                  CSS                       B (cb-bob, "bob")
 *    |-- CONNECT {port 4443} ------------------->|<------ CONNECT {port 4444} --|
 *    |-- SEND {"receiver":"bob"} --------------->|  job ACTIVE                  |
 *    |<- ACCEPTED {n, 127.0.0.1:4444} -----------|                              |
 *    |                                           |<-- VERIFY {n, 127.0.0.1} ----|
 *    |                                           |--- CONFIRMED --------------->|
 *    |-- METERING INTERIM ---------------------->|<-- METERING INTERIM ---------|
 *    |-- METERING FINAL ------------------------>|<-- METERING FINAL -----------|
 *    |                                           |  one billing record; job CLOSED
 * </pre>
 * The CSS runs on a fixed clock (now, frozen) so that allowed hours can be put just out of reach.
 */
class SendReceiveLinkupTest {
  static final CbId ALICE = CbId.of("cb-alice");
  static final CbId BOB = CbId.of("cb-bob");
  static final SendRequest TO_BOB = new SendRequest(CbName.of("bob"));

  final Instant now = Instant.now();
  Path data;
  Css css;
  CssClient a;
  CssClient b;

  @BeforeEach
  void start() throws Exception {
    data = Files.createTempDirectory("css-linkup-test");
    css = Css.start(new Css.Settings(data, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null),
        Clock.fixed(now, ZoneOffset.UTC));
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(ALICE, "alice",
        new TelephoneNumber("5550101"), ZoneId.of("UTC")));
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(BOB, "bob",
        new TelephoneNumber("5550102"), ZoneId.of("UTC")));
    a = client(ALICE);
    b = client(BOB);
  }

  @AfterEach
  void stop() throws Exception {
    a.close();
    b.close();
    css.close();
    try (var files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  CssClient client(CbId box) {
    KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var cert = css.folder().ca().issueCbCertificate(box, pair.getPublic(), Duration.ofDays(30));
    var tls = TlsContexts.builder().identity(pair.getPrivate(), List.of(cert))
        .trustAnchor(css.folder().ca().certificate())
        .acceptPeers(CertificatePurpose.CSS_SERVER).build();
    return CssClient.create(URI.create("https://127.0.0.1:" + css.operationalPort()), tls,
        Duration.ofSeconds(10), EventListener.NONE);
  }

  static <R> R answered(Outcome<R> o) {
    if (o instanceof Outcome.Answered<R> ans) {
      return ans.response();
    }
    return fail("not answered: " + o);
  }

  void connectBoth() {
    assertTrue(answered(a.connect(new ConnectRequest(SequenceNumbers.NONE, 4443))).granted());
    assertTrue(answered(b.connect(new ConnectRequest(SequenceNumbers.NONE, 4444))).granted());
  }

  void bobsRules(SubscriberRules rules) {
    var subscribers = css.repositories().subscribers();
    subscribers.update(subscribers.find(BOB).orElseThrow().withRules(rules));
  }

  @Test
  void aSendsToBobOnLineBobVerifiesBothMeterAndOneBillingRecordIsPosted() throws Exception {
    connectBoth();
    SendResponse sent = answered(a.send(TO_BOB));
    assertTrue(sent.accepted(), sent.toString());
    assertEquals(TransferAddress.of("127.0.0.1", 4444), sent.receiverAddress());
    JobNumber n = sent.jobNumber();
    InetAddress aliceIp = InetAddress.getByName("127.0.0.1");

    assertEquals(VerifyResponse.CONFIRMED, answered(b.verify(new VerifyRequest(n, aliceIp))));
    assertEquals(VerifyResponse.refused(VerifyRefusal.UNKNOWN_JOB),
        answered(b.verify(new VerifyRequest(JobNumber.of(n.value() + 1), aliceIp))));
    assertEquals(VerifyResponse.refused(VerifyRefusal.WRONG_SENDER), answered(
        b.verify(new VerifyRequest(n, InetAddress.getByName("127.0.0.2")))));

    answered(a.metering(new InterimMetering(n, 20_000, 1)));
    answered(b.metering(new InterimMetering(n, 20_000, 1)));
    answered(a.metering(new FinalMetering(n, 61_000, 3, true)));
    Outcome.Rejected<?> twice = assertInstanceOf(Outcome.Rejected.class,
        a.metering(new FinalMetering(n, 61_000, 3, true)));
    assertEquals("WRONG_STATE", twice.code());
    answered(b.metering(new FinalMetering(n, 61_000, 3, true)));

    List<BillingRecord> bills = css.repositories().billing().latest(100);
    assertEquals(1, bills.size());
    assertEquals(n.value(), bills.get(0).jobNumber());
    assertEquals(ALICE, bills.get(0).sender());
    assertEquals(BOB, bills.get(0).receiver());
    assertEquals(61_000, bills.get(0).bytes());
    assertEquals("COMPLETED", bills.get(0).result());
    assertEquals("CLOSED", css.repositories().jobs().find(n.value()).orElseThrow().state());

    Outcome.Rejected<?> closed = assertInstanceOf(Outcome.Rejected.class,
        b.metering(new FinalMetering(n, 61_000, 3, true)));
    assertEquals(404, closed.status());
    assertEquals("UNKNOWN_JOB", closed.code());
    assertEquals(1, css.repositories().billing().latest(100).size());
  }

  @Test
  void bobsRulesRefuseAWrongSenderAndAnHourOutsideHisDay() {
    connectBoth();
    bobsRules(new SubscriberRules(SenderRule.LIST, List.of(CbId.of("cb-carol")),
        AllowedHours.ALL_DAY));
    assertEquals(SendRefusal.SENDER_NOT_ALLOWED, answered(a.send(TO_BOB)).refusal());

    int hour = LocalTime.ofInstant(now, ZoneOffset.UTC).getHour();
    AllowedHours later = new AllowedHours((hour + 2) % 24 * 60, (hour + 3) % 24 * 60);
    bobsRules(new SubscriberRules(SenderRule.LIST, List.of(ALICE), later));
    assertEquals(SendRefusal.OUTSIDE_ALLOWED_HOURS, answered(a.send(TO_BOB)).refusal());

    AllowedHours thisHour = new AllowedHours(hour * 60, (hour + 1) * 60);
    bobsRules(new SubscriberRules(SenderRule.LIST, List.of(ALICE), thisHour));
    assertTrue(answered(a.send(TO_BOB)).accepted());
  }

  @Test
  void bobOffLineCannotBeWokenWithoutALineAndAnUnconnectedSenderIsRejected() {
    Outcome.Rejected<?> r = assertInstanceOf(Outcome.Rejected.class, a.send(TO_BOB));
    assertEquals(409, r.status());
    assertEquals("NOT_CONNECTED", r.code());
    assertTrue(answered(a.connect(new ConnectRequest(SequenceNumbers.NONE, 4443))).granted());
    // This CSS has no wakeup line: the call cannot be placed.
    assertEquals(SendRefusal.WAKEUP_FAILED, answered(a.send(TO_BOB)).refusal());
    var job = css.repositories().jobs().latest(10).get(0);
    assertEquals("CLOSED", job.state());
    assertEquals("WAKEUP_FAILED",
        css.repositories().jobTransactions().find(job.jobNumber()).orElseThrow().closeReason());
  }
}
