package org.connectivitybox.css.admin;

import com.google.gson.JsonObject;
import java.time.Instant;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.NapSession;

/** JSON of the RADIUS-related admin answers: legitimate serials and NAP sessions. */
final class RadiusJson {
  private RadiusJson() {}

  /** A legitimate serial; the password hash is never shown. */
  static JsonObject json(LegitimateSerial s) {
    JsonObject o = new JsonObject();
    o.addProperty("serialNumber", s.serial().value());
    o.addProperty("configUserName", s.configUserName());
    o.addProperty("certificateSha256", s.certificateSha256());
    o.addProperty("notAfter", text(s.notAfter()));
    o.addProperty("importedFrom", s.importedFrom());
    o.addProperty("status", s.isRevoked() ? "REVOKED" : "LEGITIMATE");
    o.addProperty("revokedAt", text(s.revokedAt()));
    return o;
  }

  static JsonObject json(NapSession s) {
    JsonObject o = new JsonObject();
    o.addProperty("nas", s.nas());
    o.addProperty("acctSessionId", s.acctSessionId());
    o.addProperty("userName", s.userName());
    o.addProperty("loginKind", s.loginKind().name());
    o.addProperty("serialNumber", s.serialNumber());
    o.addProperty("cbId", s.cbId());
    o.addProperty("framedIpAddress", s.framedIpAddress());
    o.addProperty("callingStationId", s.callingStationId());
    o.addProperty("calledStationId", s.calledStationId());
    o.addProperty("state", s.state().name());
    o.addProperty("startedAt", text(s.startedAt()));
    o.addProperty("updatedAt", text(s.updatedAt()));
    o.addProperty("stoppedAt", text(s.stoppedAt()));
    o.addProperty("sessionSeconds", s.sessionSeconds());
    o.addProperty("inputOctets", s.inputOctets());
    o.addProperty("outputOctets", s.outputOctets());
    o.addProperty("terminateCause", s.terminateCause());
    return o;
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }
}
