package org.connectivitybox.protocols.transaction;

import com.google.gson.JsonObject;
import org.connectivitybox.protocols.codec.Json;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/** Encodes and decodes the error body; decoding is strict and names the wrong field. */
public final class ErrorBodyCodec {
  private static final String DOC = "error body";

  private ErrorBodyCodec() {}

  /** The JSON bytes of {@code e}. */
  public static byte[] encode(ErrorBody e) {
    JsonObject inner = new JsonObject();
    inner.addProperty("code", e.code().name());
    inner.addProperty("message", e.message());
    JsonObject o = new JsonObject();
    o.add("error", inner);
    return Json.bytes(o);
  }

  /** @throws MalformedMessageException naming the first missing or invalid field */
  public static ErrorBody decode(byte[] bytes) throws MalformedMessageException {
    JsonFields e = JsonFields.parse(DOC, bytes).object("error");
    ErrorCode code = Json.enumValue(e, "code", ErrorCode.class);
    String message = e.string("message");
    return Json.value(e, "message", () -> new ErrorBody(code, message));
  }
}
