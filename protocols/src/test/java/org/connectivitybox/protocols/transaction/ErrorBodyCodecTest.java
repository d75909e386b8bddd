package org.connectivitybox.protocols.transaction;

import static org.connectivitybox.protocols.testing.Malformed.rejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorBodyCodecTest {

  @Test
  void theErrorBodyRoundTrips() throws Exception {
    ErrorBody e = new ErrorBody(ErrorCode.MALFORMED_REQUEST,
        "CONNECT request: field 'dataTransferPort' is missing");
    byte[] json = ErrorBodyCodec.encode(e);
    assertEquals("{\"error\":{\"code\":\"MALFORMED_REQUEST\","
        + "\"message\":\"CONNECT request: field 'dataTransferPort' is missing\"}}",
        new String(json, StandardCharsets.UTF_8));
    assertEquals(e, ErrorBodyCodec.decode(json));
  }

  @Test
  void aMalformedErrorBodyIsRefusedNamingTheField() {
    rejects(ErrorBodyCodec::decode, "{}", "error body: field 'error' is missing");
    rejects(ErrorBodyCodec::decode, "{'error':{'message':'x'}}", "field 'error.code' is missing");
    rejects(ErrorBodyCodec::decode, "{'error':{'code':'OOPS','message':'x'}}",
        "field 'error.code' is 'OOPS'");
    rejects(ErrorBodyCodec::decode, "{'error':{'code':'INTERNAL_ERROR'}}",
        "field 'error.message' is missing");
    rejects(ErrorBodyCodec::decode, "{'error':{'code':'INTERNAL_ERROR','message':' '}}",
        "field 'error.message' is invalid");
  }

  @Test
  void everyTransactionHasItsOwnVersionedPath() {
    Set<String> paths = new HashSet<>();
    for (Transaction t : Transaction.values()) {
      assertEquals(t, Transaction.forPath(t.path()));
      assertEquals(true, t.path().startsWith("/v1/"));
      paths.add(t.path());
    }
    assertEquals(Transaction.values().length, paths.size());
    assertNull(Transaction.forPath("/v2/connect"));
    assertEquals(409, ErrorCode.NOT_CONNECTED.httpStatus());
    assertThrows(IllegalArgumentException.class,
        () -> new ErrorBody(ErrorCode.INTERNAL_ERROR, "x".repeat(501)));
  }
}
