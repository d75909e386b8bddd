package org.connectivitybox.protocols.sendreceive;

import com.google.gson.JsonObject;
import org.connectivitybox.protocols.codec.Json;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/**
 * Pure JSON codec of the send/receive manager's messages (the format is in docs/protocol.md).
 *
 * <p>Decoding is strict: UTF-8, one object, every field typed and checked, and the first problem
 * reported as a {@link MalformedMessageException} naming the message and the field. Unknown
 * fields are ignored so that a later minor version may add some.
 */
public final class SendReceiveCodec {
  static final String RESULT = "result";
  static final String REASON = "reason";
  static final String JOB_NUMBER = "jobNumber";

  /** Values of {@code result} in the SEND Response. */
  enum SendResult { ACCEPTED, REFUSED }

  /** Values of {@code result} in the VERIFY Response. */
  enum VerifyResult { CONFIRMED, REFUSED }

  /** Values of {@code kind} in METERING. */
  enum MeteringKind { INTERIM, FINAL }

  private SendReceiveCodec() {}

  public static byte[] encode(SendRequest r) {
    JsonObject o = new JsonObject();
    o.addProperty("receiver", r.receiver().value());
    return Json.bytes(o);
  }

  public static SendRequest decodeSendRequest(byte[] bytes) throws MalformedMessageException {
    JsonFields o = JsonFields.parse("SEND request", bytes);
    String receiver = o.string("receiver");
    return Json.value(o, "receiver", () -> new SendRequest(CbName.of(receiver)));
  }

  public static byte[] encode(SendResponse r) {
    JsonObject o = new JsonObject();
    if (r.accepted()) {
      o.addProperty(RESULT, SendResult.ACCEPTED.name());
      o.addProperty(JOB_NUMBER, r.jobNumber().value());
      JsonObject a = new JsonObject();
      a.addProperty("ip", r.receiverAddress().ip().getHostAddress());
      a.addProperty("port", r.receiverAddress().port());
      o.add("receiverAddress", a);
    } else {
      o.addProperty(RESULT, SendResult.REFUSED.name());
      o.addProperty(REASON, r.refusal().name());
    }
    return Json.bytes(o);
  }

  public static SendResponse decodeSendResponse(byte[] bytes) throws MalformedMessageException {
    JsonFields o = JsonFields.parse("SEND response", bytes);
    if (Json.enumValue(o, RESULT, SendResult.class) == SendResult.REFUSED) {
      o.forbid(JOB_NUMBER, "when the result is REFUSED");
      o.forbid("receiverAddress", "when the result is REFUSED");
      return SendResponse.refused(Json.enumValue(o, REASON, SendRefusal.class));
    }
    o.forbid(REASON, "when the result is ACCEPTED");
    JobNumber job = JobNumber.of(o.integer(JOB_NUMBER, 1, JobNumber.MAX));
    JsonFields a = o.object("receiverAddress");
    String ip = a.string("ip");
    int port = (int) a.integer("port", 1, 65535);
    TransferAddress address = Json.value(a, "ip", () -> TransferAddress.of(ip, port));
    return SendResponse.accepted(job, address);
  }

  public static byte[] encode(VerifyRequest r) {
    JsonObject o = new JsonObject();
    o.addProperty(JOB_NUMBER, r.jobNumber().value());
    o.addProperty("senderAddress", r.senderAddress().getHostAddress());
    return Json.bytes(o);
  }

  public static VerifyRequest decodeVerifyRequest(byte[] bytes) throws MalformedMessageException {
    JsonFields o = JsonFields.parse("VERIFY request", bytes);
    JobNumber job = JobNumber.of(o.integer(JOB_NUMBER, 1, JobNumber.MAX));
    String sender = o.string("senderAddress");
    return Json.value(o, "senderAddress", () -> new VerifyRequest(job, IpLiteral.parse(sender)));
  }

  public static byte[] encode(VerifyResponse r) {
    JsonObject o = new JsonObject();
    if (r.confirmed()) {
      o.addProperty(RESULT, VerifyResult.CONFIRMED.name());
    } else {
      o.addProperty(RESULT, VerifyResult.REFUSED.name());
      o.addProperty(REASON, r.refusal().name());
    }
    return Json.bytes(o);
  }

  public static VerifyResponse decodeVerifyResponse(byte[] bytes)
      throws MalformedMessageException {
    JsonFields o = JsonFields.parse("VERIFY response", bytes);
    if (Json.enumValue(o, RESULT, VerifyResult.class) == VerifyResult.CONFIRMED) {
      o.forbid(REASON, "when the result is CONFIRMED");
      return VerifyResponse.CONFIRMED;
    }
    return VerifyResponse.refused(Json.enumValue(o, REASON, VerifyRefusal.class));
  }

  public static byte[] encode(Metering m) {
    JsonObject o = new JsonObject();
    o.addProperty(JOB_NUMBER, m.jobNumber().value());
    o.addProperty("kind", (m instanceof FinalMetering ? MeteringKind.FINAL
        : MeteringKind.INTERIM).name());
    o.addProperty("bytes", m.bytes());
    o.addProperty("pages", m.pages());
    if (m instanceof FinalMetering f) {
      o.addProperty("successful", f.successful());
    }
    return Json.bytes(o);
  }

  public static Metering decodeMetering(byte[] bytes) throws MalformedMessageException {
    JsonFields o = JsonFields.parse("METERING", bytes);
    JobNumber job = JobNumber.of(o.integer(JOB_NUMBER, 1, JobNumber.MAX));
    MeteringKind kind = Json.enumValue(o, "kind", MeteringKind.class);
    long byteCount = o.integer("bytes", 0, Metering.MAX_COUNT);
    long pages = o.integer("pages", 0, Metering.MAX_COUNT);
    if (kind == MeteringKind.INTERIM) {
      o.forbid("successful", "in INTERIM metering");
      return new InterimMetering(job, byteCount, pages);
    }
    return new FinalMetering(job, byteCount, pages, o.bool("successful"));
  }
}
