package org.connectivitybox.protocols.connection;

import com.google.gson.JsonObject;
import org.connectivitybox.protocols.codec.Json;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.SequenceNumbersJson;

/**
 * Pure JSON codec of the connection manager's messages (the format is in docs/protocol.md).
 *
 * <p>Decoding is strict: UTF-8, one object, every field typed and checked, and the first problem
 * reported as a {@link MalformedMessageException} naming the message and the field. Unknown
 * fields are ignored so that a later minor version may add some.
 */
public final class ConnectionCodec {
  static final String SEQUENCE_NUMBERS = "sequenceNumbers";
  static final String MISMATCHED = "mismatched";
  static final String RESULT = "result";
  static final String REASON = "reason";

  private ConnectionCodec() {}

  /** Values of the {@code result} field of the CONNECT response. */
  enum ConnectResult { GRANTED, REFUSED }

  /** Values of the {@code result} field of the DISCONNECT response. */
  enum DisconnectResult { DISCONNECTED, NOT_DISCONNECTED }

  public static byte[] encode(ConnectRequest r) {
    JsonObject o = new JsonObject();
    o.add(SEQUENCE_NUMBERS, SequenceNumbersJson.encode(r.sequenceNumbers()));
    o.addProperty("dataTransferPort", r.dataTransferPort());
    return Json.bytes(o);
  }

  public static ConnectRequest decodeConnectRequest(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("CONNECT request", bytes);
    SequenceNumbers s = SequenceNumbersJson.decode(o, SEQUENCE_NUMBERS);
    int port = (int) o.integer("dataTransferPort", 1, 65535);
    return new ConnectRequest(s, port);
  }

  public static byte[] encode(ConnectResponse r) {
    JsonObject o = new JsonObject();
    if (r.granted()) {
      o.addProperty(RESULT, ConnectResult.GRANTED.name());
      o.add(MISMATCHED, SequenceNumbersJson.encode(r.mismatched()));
    } else {
      o.addProperty(RESULT, ConnectResult.REFUSED.name());
      o.addProperty(REASON, r.refusal().name());
    }
    return Json.bytes(o);
  }

  public static ConnectResponse decodeConnectResponse(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("CONNECT response", bytes);
    ConnectResult result = Json.enumValue(o, RESULT, ConnectResult.class);
    switch (result) {
      case GRANTED -> {
        o.forbid(REASON, "when the result is GRANTED");
        return ConnectResponse.granted(SequenceNumbersJson.decode(o, MISMATCHED));
      }
      case REFUSED -> {
        o.forbid(MISMATCHED, "when the result is REFUSED");
        return ConnectResponse.refused(Json.enumValue(o, REASON, ConnectRefusal.class));
      }
      default -> throw new AssertionError(result);
    }
  }

  public static byte[] encode(DisconnectRequest r) {
    JsonObject o = new JsonObject();
    o.add(SEQUENCE_NUMBERS, SequenceNumbersJson.encode(r.sequenceNumbers()));
    return Json.bytes(o);
  }

  public static DisconnectRequest decodeDisconnectRequest(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("DISCONNECT request", bytes);
    return new DisconnectRequest(SequenceNumbersJson.decode(o, SEQUENCE_NUMBERS));
  }

  public static byte[] encode(DisconnectResponse r) {
    JsonObject o = new JsonObject();
    if (r.confirmed()) {
      o.addProperty(RESULT, DisconnectResult.DISCONNECTED.name());
    } else {
      o.addProperty(RESULT, DisconnectResult.NOT_DISCONNECTED.name());
      o.addProperty(REASON, r.refusal().name());
    }
    o.add(MISMATCHED, SequenceNumbersJson.encode(r.mismatched()));
    return Json.bytes(o);
  }

  public static DisconnectResponse decodeDisconnectResponse(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("DISCONNECT response", bytes);
    DisconnectResult result = Json.enumValue(o, RESULT, DisconnectResult.class);
    switch (result) {
      case DISCONNECTED -> {
        o.forbid(REASON, "when the result is DISCONNECTED");
        return DisconnectResponse.confirmed(SequenceNumbersJson.decode(o, MISMATCHED));
      }
      case NOT_DISCONNECTED -> {
        DisconnectRefusal reason = Json.enumValue(o, REASON, DisconnectRefusal.class);
        return DisconnectResponse.notConfirmed(reason, SequenceNumbersJson.decode(o, MISMATCHED));
      }
      default -> throw new AssertionError(result);
    }
  }

  public static byte[] encode(SequenceCheckRequest r) {
    JsonObject o = new JsonObject();
    o.add(SEQUENCE_NUMBERS, SequenceNumbersJson.encode(r.sequenceNumbers()));
    return Json.bytes(o);
  }

  public static SequenceCheckRequest decodeSequenceCheckRequest(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("sequence-number check request", bytes);
    return new SequenceCheckRequest(SequenceNumbersJson.decode(o, SEQUENCE_NUMBERS));
  }

  public static byte[] encode(SequenceCheckResponse r) {
    JsonObject o = new JsonObject();
    o.add(MISMATCHED, SequenceNumbersJson.encode(r.mismatched()));
    return Json.bytes(o);
  }

  public static SequenceCheckResponse decodeSequenceCheckResponse(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("sequence-number check response", bytes);
    return new SequenceCheckResponse(SequenceNumbersJson.decode(o, MISMATCHED));
  }
}
