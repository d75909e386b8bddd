package org.connectivitybox.protocols.connection;

import static org.connectivitybox.protocols.sequence.Task.ADDRESS_BOOK;
import static org.connectivitybox.protocols.sequence.Task.CONFIGURATION;
import static org.connectivitybox.protocols.sequence.Task.FIRMWARE;
import static org.connectivitybox.protocols.testing.Malformed.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.junit.jupiter.api.Test;

class ConnectionCodecTest {
  private static final SequenceNumbers BOX =
      SequenceNumbers.of(ADDRESS_BOOK, 4, CONFIGURATION, 0, FIRMWARE, 2);

  @Test
  void connectRequestRoundTripsAndCarriesNoIdentity() throws Exception {
    ConnectRequest r = new ConnectRequest(BOX, 4443);
    byte[] json = ConnectionCodec.encode(r);
    assertEquals("{\"sequenceNumbers\":{\"addressBook\":4,\"configuration\":0,\"firmware\":2},"
        + "\"dataTransferPort\":4443}", new String(json, StandardCharsets.UTF_8));
    assertEquals(r, ConnectionCodec.decodeConnectRequest(json));
  }

  @Test
  void connectResponsesRoundTrip() throws Exception {
    for (ConnectResponse r : new ConnectResponse[] {
        ConnectResponse.granted(SequenceNumbers.of(FIRMWARE, 3)),
        ConnectResponse.granted(SequenceNumbers.NONE),
        ConnectResponse.refused(ConnectRefusal.NOT_A_VALID_SUBSCRIBER)}) {
      assertEquals(r, ConnectionCodec.decodeConnectResponse(ConnectionCodec.encode(r)));
    }
  }

  @Test
  void disconnectMessagesRoundTrip() throws Exception {
    DisconnectRequest q = new DisconnectRequest(BOX);
    assertEquals(q, ConnectionCodec.decodeDisconnectRequest(ConnectionCodec.encode(q)));
    for (DisconnectResponse r : new DisconnectResponse[] {
        DisconnectResponse.confirmed(SequenceNumbers.of(ADDRESS_BOOK, 9)),
        DisconnectResponse.notConfirmed(DisconnectRefusal.JOB_IN_PROGRESS, SequenceNumbers.NONE)}) {
      assertEquals(r, ConnectionCodec.decodeDisconnectResponse(ConnectionCodec.encode(r)));
    }
  }

  @Test
  void sequenceCheckMessagesRoundTrip() throws Exception {
    SequenceCheckRequest q = new SequenceCheckRequest(BOX);
    assertEquals(q, ConnectionCodec.decodeSequenceCheckRequest(ConnectionCodec.encode(q)));
    SequenceCheckResponse r = new SequenceCheckResponse(SequenceNumbers.of(CONFIGURATION, 1));
    assertEquals(r, ConnectionCodec.decodeSequenceCheckResponse(ConnectionCodec.encode(r)));
  }

  @Test
  void aMalformedConnectRequestIsRefusedNamingTheField() {
    var d = (org.connectivitybox.protocols.testing.Malformed.Decoder)
        ConnectionCodec::decodeConnectRequest;
    rejects(d, "{'dataTransferPort':4443}", "field 'sequenceNumbers' is missing");
    rejects(d, "{'sequenceNumbers':[],'dataTransferPort':4443}",
        "field 'sequenceNumbers' must be an object");
    rejects(d, "{'sequenceNumbers':{'fax':1},'dataTransferPort':4443}",
        "field 'sequenceNumbers.fax' is not a known task");
    rejects(d, "{'sequenceNumbers':{'firmware':-1},'dataTransferPort':4443}",
        "field 'sequenceNumbers.firmware' is -1");
    rejects(d, "{'sequenceNumbers':{'firmware':1.5},'dataTransferPort':4443}",
        "field 'sequenceNumbers.firmware' must be a whole number");
    rejects(d, "{'sequenceNumbers':{'firmware':'1'},'dataTransferPort':4443}",
        "field 'sequenceNumbers.firmware' must be a whole number");
    rejects(d, "{'sequenceNumbers':{}}", "field 'dataTransferPort' is missing");
    rejects(d, "{'sequenceNumbers':{},'dataTransferPort':0}", "field 'dataTransferPort' is 0");
    rejects(d, "{'sequenceNumbers':{},'dataTransferPort':65536}", "'dataTransferPort' is 65536");
    rejects(d, "[]", "expected a JSON object");
    rejects(d, "{'sequenceNumbers':{}", "not valid JSON");
    rejects(d, "{'sequenceNumbers':{},'dataTransferPort':1} {}", "trailing data");
  }

  @Test
  void aMalformedConnectResponseIsRefusedNamingTheField() {
    var d = (org.connectivitybox.protocols.testing.Malformed.Decoder)
        ConnectionCodec::decodeConnectResponse;
    rejects(d, "{'mismatched':{}}", "CONNECT response: field 'result' is missing");
    rejects(d, "{'result':'OK'}", "field 'result' is 'OK', not one of [GRANTED, REFUSED]");
    rejects(d, "{'result':'GRANTED'}", "field 'mismatched' is missing");
    rejects(d, "{'result':'GRANTED','mismatched':{},'reason':'NO_SUBSCRIBER_RECORD'}",
        "field 'reason' must be absent when the result is GRANTED");
    rejects(d, "{'result':'REFUSED'}", "field 'reason' is missing");
    rejects(d, "{'result':'REFUSED','reason':'BROKE'}", "field 'reason' is 'BROKE'");
    rejects(d, "{'result':'REFUSED','reason':'NO_SUBSCRIBER_RECORD','mismatched':{}}",
        "field 'mismatched' must be absent when the result is REFUSED");
  }

  @Test
  void malformedDisconnectAndCheckMessagesAreRefusedNamingTheField() {
    rejects(ConnectionCodec::decodeDisconnectRequest, "{}", "field 'sequenceNumbers' is missing");
    rejects(ConnectionCodec::decodeDisconnectResponse, "{'result':'DISCONNECTED'}",
        "DISCONNECT response: field 'mismatched' is missing");
    rejects(ConnectionCodec::decodeDisconnectResponse,
        "{'result':'DISCONNECTED','reason':'JOB_IN_PROGRESS','mismatched':{}}",
        "field 'reason' must be absent");
    rejects(ConnectionCodec::decodeDisconnectResponse,
        "{'result':'NOT_DISCONNECTED','mismatched':{}}", "field 'reason' is missing");
    rejects(ConnectionCodec::decodeDisconnectResponse, "{'result':'GRANTED','mismatched':{}}",
        "field 'result' is 'GRANTED'");
    rejects(ConnectionCodec::decodeSequenceCheckRequest, "{'sequenceNumbers':5}",
        "sequence-number check request: field 'sequenceNumbers' must be an object");
    rejects(ConnectionCodec::decodeSequenceCheckResponse, "{'mismatched':{'addressBook':null}}",
        "field 'mismatched.addressBook' is missing");
  }

  @Test
  void recordsRefuseInconsistentValues() {
    assertThrows(IllegalArgumentException.class, () -> new ConnectRequest(BOX, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new ConnectResponse(ConnectRefusal.NO_SUBSCRIBER_RECORD, BOX));
    assertThrows(NullPointerException.class, () -> ConnectResponse.refused(null));
  }
}
