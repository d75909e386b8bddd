package org.connectivitybox.protocols.sendreceive;

import static org.connectivitybox.protocols.testing.Malformed.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SendReceiveCodecTest {
  private static final JobNumber JOB = JobNumber.of(17);

  @Test
  void sendMessagesRoundTrip() throws Exception {
    SendRequest q = new SendRequest(CbName.of("jo12345678"));
    assertEquals("{\"receiver\":\"jo12345678\"}",
        new String(SendReceiveCodec.encode(q), StandardCharsets.UTF_8));
    assertEquals(q, SendReceiveCodec.decodeSendRequest(SendReceiveCodec.encode(q)));
    SendResponse ok = SendResponse.accepted(JOB, TransferAddress.of("198.51.100.7", 4443));
    assertEquals("{\"result\":\"ACCEPTED\",\"jobNumber\":17,"
        + "\"receiverAddress\":{\"ip\":\"198.51.100.7\",\"port\":4443}}",
        new String(SendReceiveCodec.encode(ok), StandardCharsets.UTF_8));
    assertEquals(ok, SendReceiveCodec.decodeSendResponse(SendReceiveCodec.encode(ok)));
    SendResponse v6 = SendResponse.accepted(JOB, TransferAddress.of("2001:db8::7", 1));
    assertEquals(v6, SendReceiveCodec.decodeSendResponse(SendReceiveCodec.encode(v6)));
    for (SendRefusal reason : SendRefusal.values()) {
      SendResponse no = SendResponse.refused(reason);
      assertEquals(no, SendReceiveCodec.decodeSendResponse(SendReceiveCodec.encode(no)));
    }
  }

  @Test
  void verifyMessagesRoundTrip() throws Exception {
    VerifyRequest q = new VerifyRequest(JOB, InetAddress.getByName("192.0.2.10"));
    assertEquals(q, SendReceiveCodec.decodeVerifyRequest(SendReceiveCodec.encode(q)));
    assertEquals(VerifyResponse.CONFIRMED, SendReceiveCodec.decodeVerifyResponse(
        SendReceiveCodec.encode(VerifyResponse.CONFIRMED)));
    for (VerifyRefusal reason : VerifyRefusal.values()) {
      VerifyResponse no = VerifyResponse.refused(reason);
      assertEquals(no, SendReceiveCodec.decodeVerifyResponse(SendReceiveCodec.encode(no)));
    }
  }

  @Test
  void meteringRoundTrips() throws Exception {
    Metering interim = new InterimMetering(JOB, 20_000, 1);
    assertEquals("{\"jobNumber\":17,\"kind\":\"INTERIM\",\"bytes\":20000,\"pages\":1}",
        new String(SendReceiveCodec.encode(interim), StandardCharsets.UTF_8));
    assertEquals(interim, SendReceiveCodec.decodeMetering(SendReceiveCodec.encode(interim)));
    Metering fin = new FinalMetering(JOB, 61_000, 3, true);
    assertEquals(fin, SendReceiveCodec.decodeMetering(SendReceiveCodec.encode(fin)));
  }

  @Test
  void malformedSendMessagesAreRefusedNamingTheField() {
    rejects(SendReceiveCodec::decodeSendRequest, "{}", "SEND request: field 'receiver' is missing");
    rejects(SendReceiveCodec::decodeSendRequest, "{'receiver':7}", "'receiver' must be a string");
    rejects(SendReceiveCodec::decodeSendRequest, "{'receiver':'Jo Smith'}",
        "field 'receiver' is invalid: malformed CB Name");
    Malformed d = SendReceiveCodec::decodeSendResponse;
    rejects(d, "{'result':'MAYBE'}", "field 'result' is 'MAYBE'");
    rejects(d, "{'result':'ACCEPTED','receiverAddress':{'ip':'192.0.2.1','port':1}}",
        "field 'jobNumber' is missing");
    rejects(d, "{'result':'ACCEPTED','jobNumber':0,'receiverAddress':{'ip':'192.0.2.1','port':1}}",
        "field 'jobNumber' is 0");
    rejects(d, "{'result':'ACCEPTED','jobNumber':1}", "field 'receiverAddress' is missing");
    rejects(d, "{'result':'ACCEPTED','jobNumber':1,'receiverAddress':{'port':1}}",
        "field 'receiverAddress.ip' is missing");
    rejects(d, "{'result':'ACCEPTED','jobNumber':1,'receiverAddress':{'ip':'css.example','port':1}}",
        "field 'receiverAddress.ip' is invalid: 'css.example' is not an IPv4 or IPv6 address");
    rejects(d, "{'result':'ACCEPTED','jobNumber':1,'receiverAddress':{'ip':'256.0.0.1','port':1}}",
        "field 'receiverAddress.ip' is invalid");
    rejects(d, "{'result':'ACCEPTED','jobNumber':1,'receiverAddress':{'ip':'192.0.2.1'}}",
        "field 'receiverAddress.port' is missing");
    rejects(d, "{'result':'ACCEPTED','jobNumber':1,'reason':'UNKNOWN_RECEIVER',"
        + "'receiverAddress':{'ip':'192.0.2.1','port':1}}", "field 'reason' must be absent");
    rejects(d, "{'result':'REFUSED'}", "field 'reason' is missing");
    rejects(d, "{'result':'REFUSED','reason':'BUSY'}", "field 'reason' is 'BUSY'");
    rejects(d, "{'result':'REFUSED','reason':'WAKEUP_FAILED','jobNumber':1}",
        "field 'jobNumber' must be absent when the result is REFUSED");
    rejects(d, "{'result':'REFUSED','reason':'WAKEUP_FAILED','receiverAddress':{}}",
        "field 'receiverAddress' must be absent");
  }

  @Test
  void malformedVerifyMessagesAreRefusedNamingTheField() {
    Malformed q = SendReceiveCodec::decodeVerifyRequest;
    rejects(q, "{'senderAddress':'192.0.2.1'}", "VERIFY request: field 'jobNumber' is missing");
    rejects(q, "{'jobNumber':'17','senderAddress':'192.0.2.1'}", "'jobNumber' must be a whole");
    rejects(q, "{'jobNumber':17}", "field 'senderAddress' is missing");
    rejects(q, "{'jobNumber':17,'senderAddress':'box-a.example'}",
        "field 'senderAddress' is invalid");
    Malformed r = SendReceiveCodec::decodeVerifyResponse;
    rejects(r, "{}", "VERIFY response: field 'result' is missing");
    rejects(r, "{'result':'CONFIRMED','reason':'UNKNOWN_JOB'}", "field 'reason' must be absent");
    rejects(r, "{'result':'REFUSED'}", "field 'reason' is missing");
    rejects(r, "{'result':'REFUSED','reason':'NOPE'}", "field 'reason' is 'NOPE'");
  }

  @Test
  void malformedMeteringIsRefusedNamingTheField() {
    Malformed d = SendReceiveCodec::decodeMetering;
    rejects(d, "{'kind':'FINAL','bytes':1,'pages':1,'successful':true}",
        "METERING: field 'jobNumber' is missing");
    rejects(d, "{'jobNumber':1,'bytes':1,'pages':1}", "field 'kind' is missing");
    rejects(d, "{'jobNumber':1,'kind':'LAST','bytes':1,'pages':1}", "field 'kind' is 'LAST'");
    rejects(d, "{'jobNumber':1,'kind':'INTERIM','pages':1}", "field 'bytes' is missing");
    rejects(d, "{'jobNumber':1,'kind':'INTERIM','bytes':-1,'pages':1}", "field 'bytes' is -1");
    rejects(d, "{'jobNumber':1,'kind':'INTERIM','bytes':1}", "field 'pages' is missing");
    rejects(d, "{'jobNumber':1,'kind':'INTERIM','bytes':1,'pages':1e300}",
        "field 'pages' must be a whole number");
    rejects(d, "{'jobNumber':1,'kind':'FINAL','bytes':1,'pages':1}",
        "field 'successful' is missing");
    rejects(d, "{'jobNumber':1,'kind':'FINAL','bytes':1,'pages':1,'successful':'yes'}",
        "field 'successful' must be true or false");
    rejects(d, "{'jobNumber':1,'kind':'INTERIM','bytes':1,'pages':1,'successful':true}",
        "field 'successful' must be absent in INTERIM metering");
  }

  @Test
  void recordsRefuseInvalidValues() {
    assertThrows(IllegalArgumentException.class, () -> JobNumber.of(0));
    assertThrows(IllegalArgumentException.class, () -> CbName.of(""));
    assertThrows(IllegalArgumentException.class, () -> CbName.of("Jo"));
    assertThrows(IllegalArgumentException.class, () -> TransferAddress.of("192.0.2.1", 0));
    assertThrows(IllegalArgumentException.class, () -> new InterimMetering(JOB, 1, -1));
    assertThrows(IllegalArgumentException.class, () -> new SendResponse(
        SendRefusal.WAKEUP_FAILED, JOB, null));
    assertThrows(IllegalArgumentException.class, () -> new SendResponse(null, JOB, null));
  }

  /** A decoder under test. */
  private interface Malformed extends org.connectivitybox.protocols.testing.Malformed.Decoder {}
}
