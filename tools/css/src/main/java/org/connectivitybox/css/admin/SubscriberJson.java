package org.connectivitybox.css.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.css.http.ApiError;
import org.connectivitybox.css.http.Json;
import org.connectivitybox.css.store.AddressBooks;
import org.connectivitybox.css.store.AllowedHours;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.store.Job;
import org.connectivitybox.css.store.Metering;
import org.connectivitybox.css.store.SenderRule;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRules;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * The admin API's JSON forms of subscriber records, rules, jobs and billing records. Pure;
 * decoding validates every field and fails with an {@link ApiError} 400 naming it.
 */
final class SubscriberJson {
  static final Set<String> CREATE_FIELDS =
      Set.of("cbId", "cbName", "serialNumber", "telephoneNumber", "timeZone", "rules");
  static final Set<String> UPDATE_FIELDS =
      Set.of("cbName", "serialNumber", "telephoneNumber", "timeZone");
  static final Set<String> RULES_FIELDS = Set.of("senders", "allowedSenders", "allowedHours");
  static final Set<String> HOURS_FIELDS = Set.of("from", "until");

  private SubscriberJson() {}

  static SubscriberRecord create(String body) {
    JsonObject o = Json.object(body, CREATE_FIELDS);
    CbId cbId = field("cbId", () -> CbId.of(Json.string(o, "cbId", true)));
    SubscriberRecord s = SubscriberRecord.newSubscriber(cbId, Json.string(o, "cbName", true),
        telephone(o, true), zone(o, true));
    s = withSerial(s, o);
    if (o.has("rules")) {
      s = s.withRules(rules(o.get("rules")));
    }
    return s;
  }

  /** Applies the fields present in an update body to a stored record. */
  static SubscriberRecord update(SubscriberRecord old, String body) {
    JsonObject o = Json.object(body, UPDATE_FIELDS);
    String name = Json.string(o, "cbName", false);
    TelephoneNumber phone = telephone(o, false);
    ZoneId zone = zone(o, false);
    SubscriberRecord s = new SubscriberRecord(old.cbId(), name == null ? old.cbName() : name,
        old.serialNumber(), phone == null ? old.telephoneNumber() : phone,
        zone == null ? old.timeZone() : zone, old.rules(), old.status(), old.createdAt(),
        old.updatedAt());
    return withSerial(s, o);
  }

  static SubscriberRules rules(String body) {
    return rules(Json.object(body, RULES_FIELDS));
  }

  static SubscriberRules rules(JsonElement e) {
    if (!e.isJsonObject()) {
      throw ApiError.badRequest("invalid_field", "field 'rules' must be an object");
    }
    JsonObject o = Json.only(e.getAsJsonObject(), RULES_FIELDS);
    String senders = Json.string(o, "senders", false);
    SenderRule rule = senders == null ? SenderRule.ANYONE : field("senders", () -> {
      try {
        return SenderRule.valueOf(senders);
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException("senders must be ANYONE, ADDRESS_BOOK or LIST, not '"
            + senders + "'");
      }
    });
    List<CbId> list = new ArrayList<>();
    if (o.has("allowedSenders")) {
      if (!o.get("allowedSenders").isJsonArray()) {
        throw ApiError.badRequest("invalid_field", "field 'allowedSenders' must be an array");
      }
      for (JsonElement id : o.getAsJsonArray("allowedSenders")) {
        list.add(field("allowedSenders", () -> CbId.of(id.isJsonPrimitive() ? id.getAsString()
            : null)));
      }
    }
    AllowedHours hours = AllowedHours.ALL_DAY;
    if (o.has("allowedHours")) {
      if (!o.get("allowedHours").isJsonObject()) {
        throw ApiError.badRequest("invalid_field", "field 'allowedHours' must be an object");
      }
      JsonObject h = Json.only(o.getAsJsonObject("allowedHours"), HOURS_FIELDS);
      hours = field("allowedHours", () -> AllowedHours.parse(Json.string(h, "from", true),
          Json.string(h, "until", true)));
    }
    List<CbId> senderList = list;
    AllowedHours allowed = hours;
    return field("rules", () -> new SubscriberRules(rule, senderList, allowed));
  }

  static JsonObject json(SubscriberRecord s) {
    JsonObject o = new JsonObject();
    o.addProperty("cbId", s.cbId().value());
    o.addProperty("cbName", s.cbName());
    o.addProperty("serialNumber", s.serialNumber().map(SerialNumber::value).orElse(null));
    o.addProperty("telephoneNumber", s.telephoneNumber().value());
    o.addProperty("timeZone", s.timeZone().getId());
    o.addProperty("status", s.status().name());
    o.add("rules", json(s.rules()));
    o.addProperty("createdAt", text(s.createdAt()));
    o.addProperty("updatedAt", text(s.updatedAt()));
    return o;
  }

  static JsonObject json(SubscriberRules r) {
    JsonObject o = new JsonObject();
    o.addProperty("senders", r.senders().name());
    JsonArray list = new JsonArray();
    r.allowedSenders().forEach(id -> list.add(id.value()));
    o.add("allowedSenders", list);
    JsonObject hours = new JsonObject();
    hours.addProperty("from", r.allowedHours().from());
    hours.addProperty("until", r.allowedHours().until());
    o.add("allowedHours", hours);
    return o;
  }

  static final Set<String> BOOK_FIELDS = Set.of("entries");
  static final Set<String> ENTRY_FIELDS = Set.of("cbName", "friendlyName");

  /** An address book: {@code {"entries":[{"cbName":"...","friendlyName":"..."}]}}. */
  static List<AddressBooks.Entry> addressBook(String body) {
    JsonObject o = Json.object(body, BOOK_FIELDS);
    if (!o.has("entries") || !o.get("entries").isJsonArray()) {
      throw ApiError.badRequest("invalid_field", "field 'entries' must be an array");
    }
    List<AddressBooks.Entry> entries = new ArrayList<>();
    for (JsonElement e : o.getAsJsonArray("entries")) {
      if (!e.isJsonObject()) {
        throw ApiError.badRequest("invalid_field", "each of 'entries' must be an object");
      }
      JsonObject entry = Json.only(e.getAsJsonObject(), ENTRY_FIELDS);
      entries.add(field("entries", () -> new AddressBooks.Entry(
          Json.string(entry, "cbName", true), Json.string(entry, "friendlyName", true))));
    }
    return entries;
  }

  static JsonObject json(List<AddressBooks.Entry> book) {
    JsonArray a = new JsonArray();
    for (AddressBooks.Entry e : book) {
      JsonObject o = new JsonObject();
      o.addProperty("cbName", e.cbName());
      o.addProperty("friendlyName", e.friendlyName());
      a.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("entries", a);
    return o;
  }

  static JsonObject json(Job j) {
    JsonObject o = new JsonObject();
    o.addProperty("jobNumber", j.jobNumber());
    o.addProperty("sender", j.sender().value());
    o.addProperty("receiver", j.receiver().value());
    o.addProperty("state", j.state());
    o.add("senderMetering", json(j.senderMetering()));
    o.add("receiverMetering", json(j.receiverMetering()));
    o.addProperty("createdAt", text(j.createdAt()));
    o.addProperty("updatedAt", text(j.updatedAt()));
    return o;
  }

  static JsonObject json(BillingRecord b) {
    JsonObject o = new JsonObject();
    o.addProperty("jobNumber", b.jobNumber());
    o.addProperty("sender", b.sender().value());
    o.addProperty("receiver", b.receiver().value());
    o.addProperty("bytes", b.bytes());
    o.addProperty("pages", b.pages());
    o.addProperty("result", b.result());
    o.addProperty("jobStartedAt", text(b.jobStartedAt()));
    o.addProperty("jobEndedAt", text(b.jobEndedAt()));
    o.addProperty("postedAt", text(b.postedAt()));
    return o;
  }

  private static JsonElement json(Optional<Metering> m) {
    if (m.isEmpty()) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    o.addProperty("bytes", m.get().bytes());
    o.addProperty("pages", m.get().pages());
    o.addProperty("result", m.get().result());
    return o;
  }

  private static SubscriberRecord withSerial(SubscriberRecord s, JsonObject o) {
    String serial = Json.string(o, "serialNumber", false);
    return serial == null ? s : s.withSerialNumber(field("serialNumber",
        () -> SerialNumber.of(serial)));
  }

  static TelephoneNumber telephone(JsonObject o, boolean required) {
    String v = Json.string(o, "telephoneNumber", required);
    return v == null ? null : field("telephoneNumber", () -> new TelephoneNumber(v));
  }

  static ZoneId zone(JsonObject o, boolean required) {
    String v = Json.string(o, "timeZone", required);
    if (v == null) {
      return null;
    }
    try {
      return ZoneId.of(v);
    } catch (DateTimeException e) {
      throw ApiError.badRequest("invalid_field", "field 'timeZone': unknown time zone '" + v
          + "' (use a region such as Europe/Brussels)");
    }
  }

  static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  static <T> T field(String name, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (ApiError e) {
      throw e;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ApiError.badRequest("invalid_field", "field '" + name + "': " + e.getMessage());
    }
  }
}
