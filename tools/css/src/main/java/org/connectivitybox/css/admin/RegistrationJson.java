package org.connectivitybox.css.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.connectivitybox.css.http.ApiError;
import org.connectivitybox.css.http.Json;
import org.connectivitybox.css.store.AddressBooks;
import org.connectivitybox.css.store.ConfigurationRecord;
import org.connectivitybox.css.store.Registration;
import org.connectivitybox.css.store.SrmsRecord;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * The admin API's JSON of Phase I: the registration body and the configuration status. Pure;
 * decoding validates every field and fails with an {@link ApiError} 400 naming it.
 */
final class RegistrationJson {
  static final Set<String> FIELDS = Set.of("serialNumber", "name", "postalAddress", "billing",
      "telephoneNumber", "timeZone", "cbName", "friendlyName", "addressBook", "rules");

  private RegistrationJson() {}

  /** The registration a body asks for, under the freshly generated {@code cbId}. */
  static Registration registration(String body, CbId cbId) {
    JsonObject o = Json.object(body, FIELDS);
    SerialNumber serial = SubscriberJson.field("serialNumber",
        () -> SerialNumber.of(Json.string(o, "serialNumber", true)));
    String cbName = Json.string(o, "cbName", true);
    // Parameters 191 carry the CB name: it must be one a box accepts.
    SubscriberJson.field("cbName", () -> CbName.of(cbName));
    SubscriberRecord s = SubscriberRecord.newSubscriber(cbId, cbName,
        SubscriberJson.telephone(o, true), SubscriberJson.zone(o, true))
        .withSerialNumber(serial);
    if (o.has("rules")) {
      s = s.withRules(SubscriberJson.rules(o.get("rules")));
    }
    JsonElement billing = o.get("billing");
    if (billing == null || billing.isJsonNull()) {
      throw ApiError.badRequest("missing_field", "field 'billing' is required");
    }
    if (!billing.isJsonObject()) {
      throw ApiError.badRequest("invalid_field", "field 'billing' must be an object");
    }
    List<AddressBooks.Entry> book = new ArrayList<>();
    if (o.has("addressBook")) {
      if (!o.get("addressBook").isJsonArray()) {
        throw ApiError.badRequest("invalid_field", "field 'addressBook' must be an array");
      }
      for (JsonElement e : o.getAsJsonArray("addressBook")) {
        if (!e.isJsonObject()) {
          throw ApiError.badRequest("invalid_field", "each of 'addressBook' must be an object");
        }
        JsonObject entry = Json.only(e.getAsJsonObject(), SubscriberJson.ENTRY_FIELDS);
        book.add(SubscriberJson.field("addressBook", () -> new AddressBooks.Entry(
            Json.string(entry, "cbName", true), Json.string(entry, "friendlyName", true))));
      }
    }
    String name = Json.string(o, "name", true);
    String postal = Json.string(o, "postalAddress", true);
    String friendly = Json.string(o, "friendlyName", true);
    SubscriberRecord subscriber = s;
    return SubscriberJson.field("registration", () -> new Registration(subscriber, name, postal,
        Json.text(billing), friendly, book));
  }

  /** The answer to a registration: the subscriber record with its SRMS record and status. */
  static JsonObject json(SubscriberRecord s, SrmsRecord srms, ConfigurationRecord config,
      List<AddressBooks.Entry> book) {
    JsonObject o = SubscriberJson.json(s);
    o.addProperty("name", srms.name());
    o.addProperty("postalAddress", srms.postalAddress());
    o.add("billing", com.google.gson.JsonParser.parseString(srms.billingJson()));
    o.addProperty("friendlyName", config.friendlyName());
    JsonArray entries = SubscriberJson.json(book).getAsJsonArray("entries");
    o.add("addressBook", entries);
    o.add("configuration", json(config));
    return o;
  }

  /** A configuration status row. */
  static JsonObject json(ConfigurationRecord c) {
    JsonObject o = new JsonObject();
    o.addProperty("cbId", c.cbId().value());
    o.addProperty("friendlyName", c.friendlyName());
    o.addProperty("state", c.state().name());
    o.addProperty("error", c.error());
    o.addProperty("detail", c.detail());
    o.addProperty("updatedAt", SubscriberJson.text(c.updatedAt()));
    return o;
  }
}
