package org.connectivitybox.css.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.List;
import org.connectivitybox.css.http.ApiError;
import org.connectivitybox.css.http.JsonHandler;
import org.connectivitybox.css.store.AddressBooks;
import org.connectivitybox.css.store.FactoryManifest;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.NotFoundException;
import org.connectivitybox.css.store.Registration;
import org.connectivitybox.css.store.RegistrationRefused;
import org.connectivitybox.css.store.Registrations;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberStatus;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.tinylog.Logger;

/**
 * The admin HTTP API (reference: {@code tools/css/README.md}): subscriber records and their
 * rules, revocation, factory manifest import, and listings of jobs and billing records.
 *
 * <pre>
 * GET  /admin/v1/subscribers                 list
 * POST /admin/v1/subscribers                 create (201)
 * GET  /admin/v1/subscribers/{cbId}          read
 * PUT  /admin/v1/subscribers/{cbId}          update cbName, serialNumber, telephoneNumber, timeZone
 * PUT  /admin/v1/subscribers/{cbId}/rules    set rules
 * GET  /admin/v1/subscribers/{cbId}/address-book   the master address book
 * PUT  /admin/v1/subscribers/{cbId}/address-book   replace it (the ADDRESS_BOOK rule reads it)
 * POST /admin/v1/subscribers/{cbId}/revoke   revoke; /reinstate makes it active again
 * GET  /admin/v1/subscribers/{cbId}/configuration  where the box is in Phases II and III
 * POST /admin/v1/subscribers/{cbId}/reconfigure    {"via":"CONFIG_NAP"|"LOCAL_NAP"}: bump the
 *                                            configuration sequence number by 1 or 2
 * POST /admin/v1/registrations              Phase I: register a subscriber, CB ID generated (201)
 * POST /admin/v1/manifests?name=FILE         import a factory manifest.csv (text/csv body)
 * GET  /admin/v1/jobs?limit=N                latest jobs
 * GET  /admin/v1/billing-records?limit=N     latest billing records
 * GET  /admin/v1/serials/{serial}            a legitimate serial (no password hash)
 * POST /admin/v1/serials/{serial}/revoke     revoke it: its configuration login is refused
 * GET  /admin/v1/nap-sessions?limit=N        latest NAP sessions from RADIUS accounting
 * </pre>
 */
public final class AdminApi extends JsonHandler {
  /** Path prefix of every admin URL. */
  public static final String PREFIX = "/admin/v1/";

  private final Repositories store;

  public AdminApi(Repositories store) {
    this.store = store;
  }

  @Override
  protected Answer answer(Request request) throws IOException {
    Answer answer = route(request);
    if (!"GET".equals(request.getMethod())) {
      // An audit line per change; bodies are not logged (they may carry personal data).
      Logger.info("admin: {} {} -> {}", request.getMethod(), Request.getPathInContext(request),
          answer.status());
    }
    return answer;
  }

  private Answer route(Request request) throws IOException {
    String path = Request.getPathInContext(request);
    if (!path.startsWith(PREFIX)) {
      throw ApiError.notFound("no such URL: " + path);
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    String method = request.getMethod();
    return switch (parts[0]) {
      case "subscribers" -> subscribers(request, method, parts);
      case "registrations" -> {
        only(method, "POST", parts, 1);
        yield register(request);
      }
      case "manifests" -> {
        only(method, "POST", parts, 1);
        yield importManifest(request);
      }
      case "jobs" -> {
        only(method, "GET", parts, 1);
        JsonArray a = new JsonArray();
        store.jobs().latest(limit(request)).forEach(j -> a.add(SubscriberJson.json(j)));
        yield Answer.ok(a);
      }
      case "billing-records" -> {
        only(method, "GET", parts, 1);
        JsonArray a = new JsonArray();
        store.billing().latest(limit(request)).forEach(b -> a.add(SubscriberJson.json(b)));
        yield Answer.ok(a);
      }
      case "serials" -> serials(method, parts);
      case "nap-sessions" -> {
        only(method, "GET", parts, 1);
        JsonArray a = new JsonArray();
        store.napSessions().latest(limit(request)).forEach(n -> a.add(RadiusJson.json(n)));
        yield Answer.ok(a);
      }
      default -> throw ApiError.notFound("no such URL: " + path);
    };
  }

  private Answer serials(String method, String[] parts) {
    if (parts.length < 2 || parts.length > 3) {
      throw ApiError.notFound("no such URL");
    }
    SerialNumber serial;
    try {
      serial = SerialNumber.of(parts[1]);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound(e.getMessage());
    }
    if (parts.length == 2) {
      only(method, "GET", parts, 2);
      return Answer.ok(RadiusJson.json(store.serials().find(serial)
          .orElseThrow(() -> new NotFoundException("no legitimate serial " + serial))));
    }
    if (!parts[2].equals("revoke")) {
      throw ApiError.notFound("no such URL");
    }
    only(method, "POST", parts, 3);
    return Answer.ok(RadiusJson.json(store.serials().revoke(serial)));
  }

  private Answer subscribers(Request request, String method, String[] parts) throws IOException {
    if (parts.length == 1) {
      if ("GET".equals(method)) {
        JsonArray a = new JsonArray();
        store.subscribers().list().forEach(s -> a.add(SubscriberJson.json(s)));
        return Answer.ok(a);
      }
      only(method, "POST", parts, 1);
      SubscriberRecord created = store.subscribers().create(SubscriberJson.create(body(request)));
      return new Answer(201, SubscriberJson.json(created));
    }
    CbId cbId;
    try {
      cbId = CbId.of(parts[1]);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound(e.getMessage());
    }
    SubscriberRecord stored = store.subscribers().find(cbId)
        .orElseThrow(() -> new NotFoundException("no subscriber " + cbId));
    if (parts.length == 2) {
      if ("GET".equals(method)) {
        return Answer.ok(SubscriberJson.json(stored));
      }
      only(method, "PUT", parts, 2);
      return Answer.ok(SubscriberJson.json(
          store.subscribers().update(SubscriberJson.update(stored, body(request)))));
    }
    String action = parts[2];
    switch (action) {
      case "rules" -> {
        only(method, "PUT", parts, 3);
        return Answer.ok(SubscriberJson.json(store.subscribers().update(
            stored.withRules(SubscriberJson.rules(body(request))))));
      }
      case "address-book" -> {
        if ("GET".equals(method)) {
          only(method, "GET", parts, 3);
          return Answer.ok(SubscriberJson.json(store.addressBooks().list(cbId)));
        }
        only(method, "PUT", parts, 3);
        List<AddressBooks.Entry> entries = SubscriberJson.addressBook(body(request));
        try {
          store.addressBooks().replace(cbId, entries);
        } catch (IllegalArgumentException e) {
          throw ApiError.badRequest("invalid_field", e.getMessage());
        }
        return Answer.ok(SubscriberJson.json(store.addressBooks().list(cbId)));
      }
      case "configuration" -> {
        only(method, "GET", parts, 3);
        return Answer.ok(RegistrationJson.json(store.registrations().configuration(cbId)
            .orElseThrow(() -> new NotFoundException(cbId + " was not registered through"
                + " POST /admin/v1/registrations: it has no configuration status"))));
      }
      case "reconfigure" -> {
        only(method, "POST", parts, 3);
        return reconfigure(stored, body(request));
      }
      case "revoke", "reinstate" -> {
        only(method, "POST", parts, 3);
        return Answer.ok(SubscriberJson.json(store.subscribers().setStatus(cbId,
            action.equals("revoke") ? SubscriberStatus.REVOKED : SubscriberStatus.ACTIVE)));
      }
      default -> throw ApiError.notFound("no such URL: " + Request.getPathInContext(request));
    }
  }

  /**
   * Reconfiguration (docs/configuration.md, "Reconfiguration"): bumps the subscriber's {@code
   * configuration} sequence number by 1 ({@code CONFIG_NAP}) or 2 ({@code LOCAL_NAP}) and sets
   * its configuration row to RECONFIGURING; the box sees the difference at its next CONNECT.
   */
  private Answer reconfigure(SubscriberRecord s, String body) {
    String via;
    try {
      via = com.google.gson.JsonParser.parseString(body).getAsJsonObject().get("via")
          .getAsString();
    } catch (RuntimeException e) {
      throw ApiError.badRequest("invalid_field",
          "the body must be {\"via\":\"CONFIG_NAP\"} or {\"via\":\"LOCAL_NAP\"}");
    }
    int by = switch (via) {
      case "CONFIG_NAP" -> 1;
      case "LOCAL_NAP" -> 2;
      default -> throw ApiError.badRequest("invalid_field",
          "via must be CONFIG_NAP or LOCAL_NAP, not '" + via + "'");
    };
    if (store.registrations().configuration(s.cbId()).isEmpty() || s.serialNumber().isEmpty()) {
      throw new ApiError(409, "not_registered", s.cbId() + " was not registered through POST"
          + " /admin/v1/registrations: it has no serial or configuration status to reconfigure");
    }
    long number = store.subscribers().advanceSequenceNumber(s.cbId(),
        org.connectivitybox.protocols.sequence.Task.CONFIGURATION.wireName(), by);
    store.registrations().set(s.cbId(),
        org.connectivitybox.css.store.ConfigurationState.RECONFIGURING, null,
        "via " + via + ": configuration sequence number " + number);
    Logger.info("admin: reconfigure {} via {}: configuration sequence number {}", s.cbId(), via,
        number);
    JsonObject o = new JsonObject();
    o.addProperty("cbId", s.cbId().value());
    o.addProperty("via", via);
    o.addProperty("sequenceNumber", number);
    o.add("configuration", RegistrationJson.json(store.registrations().configuration(s.cbId())
        .orElseThrow()));
    return Answer.ok(o);
  }

  /** Phase I: the call centre registers a subscriber and the box it bought. */
  private Answer register(Request request) throws IOException {
    CbId cbId = Registrations.newCbId();
    Registration registration = RegistrationJson.registration(body(request), cbId);
    SubscriberRecord s;
    try {
      s = store.registrations().register(registration);
    } catch (RegistrationRefused e) {
      throw switch (e.reason()) {
        case UNKNOWN_SERIAL -> new ApiError(422, "unknown_serial", e.getMessage());
        case SERIAL_REGISTERED -> new ApiError(409, "serial_registered", e.getMessage());
        case CB_NAME_TAKEN -> new ApiError(409, "cb_name_taken", e.getMessage());
      };
    }
    Logger.info("admin: registered {} for serial {}", cbId, registration.subscriber()
        .serialNumber().orElseThrow());
    return new Answer(201, RegistrationJson.json(s, store.registrations().srms(cbId)
        .orElseThrow(), store.registrations().configuration(cbId).orElseThrow(),
        store.addressBooks().list(cbId)));
  }

  private Answer importManifest(Request request) throws IOException {
    String name = Request.extractQueryParameters(request).getValue("name");
    String source = name == null || name.isBlank() ? "manifest.csv" : name;
    List<LegitimateSerial> rows;
    try {
      rows = FactoryManifest.parse(body(request), source);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_manifest", e.getMessage());
    }
    JsonObject o = new JsonObject();
    o.addProperty("imported", store.serials().importRows(rows));
    o.addProperty("source", source);
    return Answer.ok(o);
  }

  private static int limit(Request request) {
    Fields q = Request.extractQueryParameters(request);
    String v = q.getValue("limit");
    if (v == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < 1 || n > 10_000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid_parameter", "limit must be 1 to 10000, not '" + v + "'");
    }
  }

  private static void only(String method, String allowed, String[] parts, int length) {
    if (parts.length != length) {
      throw ApiError.notFound("no such URL");
    }
    if (!allowed.equals(method)) {
      throw new ApiError(405, "method_not_allowed", "this URL answers " + allowed + " only");
    }
  }
}
