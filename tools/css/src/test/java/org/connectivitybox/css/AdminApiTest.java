package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.store.FactoryManifest;
import org.connectivitybox.css.store.NapSession;
import org.connectivitybox.css.store.NapSessions;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTPS (the CSS certificate, HTTP Basic, no client certificate). */
class AdminApiTest {
  RunningCss css;
  HttpClient client;

  @BeforeEach
  void start() throws Exception {
    css = new RunningCss();
    KeyStore roots = KeyStore.getInstance("PKCS12");
    roots.load(null, null);
    roots.setCertificateEntry("root", css.css.folder().ca().root());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(roots);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @AfterEach
  void stop() {
    client = null; // Java 17's HttpClient has no close(); its idle connections go with it
    css.close();
  }

  record Reply(int status, JsonElement json) {
    JsonObject error() {
      return json.getAsJsonObject().getAsJsonObject("error");
    }
  }

  Reply call(String method, String path, String body, boolean authenticated) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
        URI.create("https://127.0.0.1:" + css.css.adminPort() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (authenticated) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          ("admin:" + css.css.folder().adminPassword()).getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
    return new Reply(r.statusCode(), JsonParser.parseString(r.body()));
  }

  Reply call(String method, String path, String body) throws Exception {
    return call(method, path, body, true);
  }

  static final String ALICE = "{\"cbId\":\"cb-alice\",\"cbName\":\"Alice\","
      + "\"telephoneNumber\":\"+3225550101\",\"timeZone\":\"Europe/Brussels\"}";

  @Test
  void withoutTheAdminCredentialEveryUrlIs401() throws Exception {
    Reply r = call("GET", "/admin/v1/subscribers", null, false);
    assertEquals(401, r.status());
    assertEquals("unauthorized", r.error().get("code").getAsString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        css.data.resolve("admin").resolve("password"))));
  }

  @Test
  void aSubscriberIsCreatedReadUpdatedAndRevoked() throws Exception {
    Reply created = call("POST", "/admin/v1/subscribers", ALICE);
    assertEquals(201, created.status());
    assertEquals("ACTIVE", created.json().getAsJsonObject().get("status").getAsString());
    assertEquals("ANYONE", created.json().getAsJsonObject().getAsJsonObject("rules")
        .get("senders").getAsString());

    Reply read = call("GET", "/admin/v1/subscribers/cb-alice", null);
    assertEquals(200, read.status());
    assertEquals("+3225550101",
        read.json().getAsJsonObject().get("telephoneNumber").getAsString());

    Reply updated = call("PUT", "/admin/v1/subscribers/cb-alice",
        "{\"telephoneNumber\":\"025550199\",\"serialNumber\":\"CB0000007\"}");
    assertEquals(200, updated.status());
    assertEquals("025550199", updated.json().getAsJsonObject().get("telephoneNumber")
        .getAsString());
    assertEquals("CB0000007", updated.json().getAsJsonObject().get("serialNumber").getAsString());
    assertEquals("Alice", updated.json().getAsJsonObject().get("cbName").getAsString());

    Reply revoked = call("POST", "/admin/v1/subscribers/cb-alice/revoke", null);
    assertEquals("REVOKED", revoked.json().getAsJsonObject().get("status").getAsString());
    assertEquals(1, call("GET", "/admin/v1/subscribers", null).json().getAsJsonArray().size());
    assertEquals("ACTIVE", call("POST", "/admin/v1/subscribers/cb-alice/reinstate", null)
        .json().getAsJsonObject().get("status").getAsString());
  }

  @Test
  void rulesAreSetAndReadBack() throws Exception {
    call("POST", "/admin/v1/subscribers", ALICE);
    Reply r = call("PUT", "/admin/v1/subscribers/cb-alice/rules", "{\"senders\":\"LIST\","
        + "\"allowedSenders\":[\"cb-bob\"],\"allowedHours\":{\"from\":\"08:00\",\"until\":\"20:00\"}}");
    assertEquals(200, r.status());
    JsonObject rules = r.json().getAsJsonObject().getAsJsonObject("rules");
    assertEquals("LIST", rules.get("senders").getAsString());
    assertEquals("cb-bob", rules.getAsJsonArray("allowedSenders").get(0).getAsString());
    assertEquals("20:00", rules.getAsJsonObject("allowedHours").get("until").getAsString());
    Reply bad = call("PUT", "/admin/v1/subscribers/cb-alice/rules", "{\"senders\":\"FRIENDS\"}");
    assertEquals(400, bad.status());
    assertEquals("field 'senders': senders must be ANYONE, ADDRESS_BOOK or LIST, not 'FRIENDS'",
        bad.error().get("message").getAsString());
    Reply hours = call("PUT", "/admin/v1/subscribers/cb-alice/rules",
        "{\"allowedHours\":{\"from\":\"8 am\",\"until\":\"20:00\"}}");
    assertEquals(400, hours.status());
  }

  @Test
  void anAddressBookIsReplacedAndReadBack() throws Exception {
    call("POST", "/admin/v1/subscribers", ALICE);
    assertEquals(0, call("GET", "/admin/v1/subscribers/cb-alice/address-book", null).json()
        .getAsJsonObject().getAsJsonArray("entries").size());
    Reply r = call("PUT", "/admin/v1/subscribers/cb-alice/address-book", "{\"entries\":["
        + "{\"cbName\":\"jo-home\",\"friendlyName\":\"Uncle Jo\"},"
        + "{\"cbName\":\"bakery\",\"friendlyName\":\"Bakery\"}]}");
    assertEquals(200, r.status());
    var entries = call("GET", "/admin/v1/subscribers/cb-alice/address-book", null).json()
        .getAsJsonObject().getAsJsonArray("entries");
    assertEquals(2, entries.size());
    assertEquals("bakery", entries.get(0).getAsJsonObject().get("cbName").getAsString());
    assertEquals("Uncle Jo", entries.get(1).getAsJsonObject().get("friendlyName").getAsString());

    Reply twice = call("PUT", "/admin/v1/subscribers/cb-alice/address-book", "{\"entries\":["
        + "{\"cbName\":\"bakery\",\"friendlyName\":\"A\"},"
        + "{\"cbName\":\"bakery\",\"friendlyName\":\"B\"}]}");
    assertEquals(400, twice.status());
    assertEquals("CB name bakery is in the book twice",
        twice.error().get("message").getAsString());
    Reply blank = call("PUT", "/admin/v1/subscribers/cb-alice/address-book",
        "{\"entries\":[{\"cbName\":\"x\",\"friendlyName\":\" \"}]}");
    assertEquals(400, blank.status());
    assertEquals("field 'entries': friendlyName is missing",
        blank.error().get("message").getAsString());
    assertEquals(2, call("GET", "/admin/v1/subscribers/cb-alice/address-book", null).json()
        .getAsJsonObject().getAsJsonArray("entries").size(), "a refused book changes nothing");
    assertEquals(404, call("GET", "/admin/v1/subscribers/cb-nobody/address-book", null)
        .status());
  }

  @Test
  void badInputGetsAClearError() throws Exception {
    assertEquals(201, call("POST", "/admin/v1/subscribers", ALICE).status());
    Reply taken = call("POST", "/admin/v1/subscribers", ALICE.replace("cb-alice", "cb-other"));
    assertEquals(409, taken.status());
    assertEquals("conflict", taken.error().get("code").getAsString());
    assertEquals("CB name 'Alice' is taken", taken.error().get("message").getAsString());

    Reply phone = call("POST", "/admin/v1/subscribers",
        ALICE.replace("cb-alice", "cb-x").replace("Alice", "X").replace("+3225550101", "call me"));
    assertEquals(400, phone.status());
    assertEquals("invalid_field", phone.error().get("code").getAsString());
    assertTrue(phone.error().get("message").getAsString().startsWith(
        "field 'telephoneNumber': malformed telephone number 'call me'"));

    Reply unknown = call("POST", "/admin/v1/subscribers", ALICE.replace("}", ",\"colour\":1}"));
    assertEquals(400, unknown.status());
    assertEquals("unknown_field", unknown.error().get("code").getAsString());

    assertEquals("missing_field", call("POST", "/admin/v1/subscribers", "{\"cbId\":\"cb-y\"}")
        .error().get("code").getAsString());
    assertEquals("malformed_json", call("POST", "/admin/v1/subscribers", "{")
        .error().get("code").getAsString());
    assertEquals(400, call("POST", "/admin/v1/subscribers",
        ALICE.replace("cb-alice", "-bad-").replace("Alice", "Y")).status());
    assertEquals(400, call("POST", "/admin/v1/subscribers",
        ALICE.replace("cb-alice", "cb-z").replace("Alice", "Z").replace("Europe/Brussels",
            "Mars/Olympus")).status());
    assertEquals(404, call("GET", "/admin/v1/subscribers/cb-nobody", null).status());
    assertEquals(405, call("DELETE", "/admin/v1/subscribers/cb-alice", null).status());
    assertEquals(404, call("GET", "/admin/v1/nothing", null).status());
  }

  @Test
  void aFactoryManifestIsImported() throws Exception {
    String hash = "0f".repeat(32);
    String manifest = FactoryManifest.HEADER + "\n"
        + "CB0000001,CB0000001@config.example," + hash + "," + hash + ",2051-01-01T00:00:00Z\n";
    Reply r = call("POST", "/admin/v1/manifests?name=batch-7.csv", manifest);
    assertEquals(200, r.status());
    assertEquals(1, r.json().getAsJsonObject().get("imported").getAsInt());
    assertEquals("batch-7.csv", css.css.repositories().serials()
        .find(SerialNumber.of("CB0000001")).orElseThrow().importedFrom());
    Reply bad = call("POST", "/admin/v1/manifests", "serial,password\nX,y\n");
    assertEquals(400, bad.status());
    assertEquals("invalid_manifest", bad.error().get("code").getAsString());
  }

  @Test
  void jobsAndBillingRecordsAreListed() throws Exception {
    var job = css.css.repositories().jobs().create(CbId.of("cb-a"), CbId.of("cb-b"), "DONE");
    css.css.repositories().billing().post(new BillingRecord(job.jobNumber(), CbId.of("cb-a"),
        CbId.of("cb-b"), 2048, 2, "OK", Instant.parse("2026-01-01T10:00:00Z"),
        Instant.parse("2026-01-01T10:02:00Z"), null));
    JsonArray jobs = call("GET", "/admin/v1/jobs?limit=10", null).json().getAsJsonArray();
    assertEquals(job.jobNumber(), jobs.get(0).getAsJsonObject().get("jobNumber").getAsLong());
    JsonArray bills = call("GET", "/admin/v1/billing-records", null).json().getAsJsonArray();
    assertEquals(2048, bills.get(0).getAsJsonObject().get("bytes").getAsLong());
    assertEquals(400, call("GET", "/admin/v1/jobs?limit=zero", null).status());
  }

  @Test
  void aLegitimateSerialIsReadAndRevokedAndReimportingKeepsTheRevocation() throws Exception {
    String hash = "0f".repeat(32);
    String manifest = FactoryManifest.HEADER + "\n"
        + "CB0000001,CB0000001@config.example," + hash + "," + hash + ",2051-01-01T00:00:00Z\n";
    assertEquals(200, call("POST", "/admin/v1/manifests", manifest).status());
    JsonObject serial = call("GET", "/admin/v1/serials/CB0000001", null).json()
        .getAsJsonObject();
    assertEquals("LEGITIMATE", serial.get("status").getAsString());
    assertTrue(!serial.toString().contains("password"), serial.toString());
    Reply revoked = call("POST", "/admin/v1/serials/CB0000001/revoke", "");
    assertEquals(200, revoked.status());
    assertEquals("REVOKED", revoked.json().getAsJsonObject().get("status").getAsString());
    String at = revoked.json().getAsJsonObject().get("revokedAt").getAsString();
    assertEquals(200, call("POST", "/admin/v1/manifests", manifest).status());
    JsonObject again = call("GET", "/admin/v1/serials/CB0000001", null).json()
        .getAsJsonObject();
    assertEquals("REVOKED", again.get("status").getAsString());
    assertEquals(at, again.get("revokedAt").getAsString());
    assertEquals(404, call("GET", "/admin/v1/serials/CB0000002", null).status());
    assertEquals(404, call("POST", "/admin/v1/serials/CB0000002/revoke", "").status());
    assertEquals(405, call("GET", "/admin/v1/serials/CB0000001/revoke", null).status());
  }

  @Test
  void napSessionsAreListedNewestFirst() throws Exception {
    var sessions = css.css.repositories().napSessions();
    sessions.started(new NapSessions.Report("nap1", "s-1", "CB0000001@config.cb.example",
        NapSession.LoginKind.CONFIGURATION, "CB0000001", null, "127.1.0.7", "5551001", "0845",
        null, null, null, null));
    Thread.sleep(5); // updated_at orders the list
    sessions.stopped(new NapSessions.Report("nap1", "s-1", "CB0000001@config.cb.example",
        NapSession.LoginKind.CONFIGURATION, "CB0000001", null, "127.1.0.7", "5551001", "0845",
        42L, 1000L, 2000L, 1));
    JsonArray list = call("GET", "/admin/v1/nap-sessions?limit=5", null).json()
        .getAsJsonArray();
    assertEquals(1, list.size());
    JsonObject s = list.get(0).getAsJsonObject();
    assertEquals("STOPPED", s.get("state").getAsString());
    assertEquals("127.1.0.7", s.get("framedIpAddress").getAsString());
    assertEquals(42, s.get("sessionSeconds").getAsLong());
    assertEquals(400, call("GET", "/admin/v1/nap-sessions?limit=0", null).status());
  }

  static final String HASH = "0f".repeat(32);

  void importSerials(String... serials) throws Exception {
    StringBuilder m = new StringBuilder(FactoryManifest.HEADER).append('\n');
    for (String serial : serials) {
      m.append(serial).append(',').append(serial).append("@config.example,").append(HASH)
          .append(',').append(HASH).append(",2051-01-01T00:00:00Z\n");
    }
    assertEquals(200, call("POST", "/admin/v1/manifests", m.toString()).status());
  }

  static String registration(String serial, String cbName, String phone) {
    return "{\"serialNumber\":\"" + serial + "\",\"name\":\"Jo Smith\","
        + "\"postalAddress\":\"1 Rue Haute, 1000 Brussels\","
        + "\"billing\":{\"iban\":\"BE68539007547034\",\"plan\":\"basic\"},"
        + "\"telephoneNumber\":\"" + phone + "\",\"timeZone\":\"Europe/Brussels\","
        + "\"cbName\":\"" + cbName + "\",\"friendlyName\":\"Jo at home\","
        + "\"addressBook\":[{\"cbName\":\"alice\",\"friendlyName\":\"Alice\"}],"
        + "\"rules\":{\"senders\":\"ADDRESS_BOOK\"}}";
  }

  @Test
  void phaseOneRegistersASubscriberWithAGeneratedCbId() throws Exception {
    importSerials("CB0000010");
    Reply r = call("POST", "/admin/v1/registrations",
        registration("CB0000010", "jo-home", "+3225550123"));
    assertEquals(201, r.status(), r.json().toString());
    JsonObject o = r.json().getAsJsonObject();
    String cbId = o.get("cbId").getAsString();
    assertTrue(cbId.matches("cb-[a-z2-7]{12}"), cbId);
    assertEquals("CB0000010", o.get("serialNumber").getAsString());
    assertEquals("jo-home", o.get("cbName").getAsString());
    assertEquals("Jo at home", o.get("friendlyName").getAsString());
    assertEquals("BE68539007547034", o.getAsJsonObject("billing").get("iban").getAsString());
    assertEquals("ADDRESS_BOOK", o.getAsJsonObject("rules").get("senders").getAsString());
    assertEquals("REGISTERED", o.getAsJsonObject("configuration").get("state").getAsString());

    CbId id = CbId.of(cbId);
    var store = css.css.repositories();
    assertEquals("Jo Smith", store.registrations().srms(id).orElseThrow().name());
    assertEquals("1 Rue Haute, 1000 Brussels",
        store.registrations().srms(id).orElseThrow().postalAddress());
    assertEquals(1, store.subscribers().sequenceNumber(id, "addressBook"));
    assertEquals("Alice", store.addressBooks().list(id).get(0).friendlyName());

    Reply status = call("GET", "/admin/v1/subscribers/" + cbId + "/configuration", null);
    assertEquals(200, status.status());
    assertEquals("REGISTERED", status.json().getAsJsonObject().get("state").getAsString());
    assertTrue(status.json().getAsJsonObject().get("error").isJsonNull());
    assertEquals(404, call("GET", "/admin/v1/subscribers/cb-nobody/configuration", null)
        .status());
  }

  @Test
  void reconfigureBumpsTheConfigurationNumberByOneOrTwoAndMarksTheBoxReconfiguring()
      throws Exception {
    importSerials("CB0000020");
    Reply r = call("POST", "/admin/v1/registrations",
        registration("CB0000020", "jo-recon", "+3225550124"));
    String cbId = r.json().getAsJsonObject().get("cbId").getAsString();
    String url = "/admin/v1/subscribers/" + cbId + "/reconfigure";

    Reply one = call("POST", url, "{\"via\":\"CONFIG_NAP\"}");
    assertEquals(200, one.status(), one.json().toString());
    assertEquals(1, one.json().getAsJsonObject().get("sequenceNumber").getAsLong());
    assertEquals("RECONFIGURING", one.json().getAsJsonObject().getAsJsonObject("configuration")
        .get("state").getAsString());
    Reply two = call("POST", url, "{\"via\":\"LOCAL_NAP\"}");
    assertEquals(3, two.json().getAsJsonObject().get("sequenceNumber").getAsLong());
    assertEquals(3, css.css.repositories().subscribers().sequenceNumber(CbId.of(cbId),
        "configuration"));
    Reply status = call("GET", "/admin/v1/subscribers/" + cbId + "/configuration", null);
    assertEquals("RECONFIGURING", status.json().getAsJsonObject().get("state").getAsString());

    assertEquals(400, call("POST", url, "{\"via\":\"CARRIER_PIGEON\"}").status());
    assertEquals(400, call("POST", url, "not json").status());
    assertEquals(405, call("GET", url, null).status());
    assertEquals(201, call("POST", "/admin/v1/subscribers", ALICE).status());
    assertEquals(409, call("POST", "/admin/v1/subscribers/cb-alice/reconfigure",
        "{\"via\":\"CONFIG_NAP\"}").status());
    assertEquals(3, css.css.repositories().subscribers().sequenceNumber(CbId.of(cbId),
        "configuration"), "refused requests bump nothing");
  }

  @Test
  void phaseOneRefusalsAreClearAndWriteNothing() throws Exception {
    importSerials("CB0000011", "CB0000012", "CB0000013");
    assertEquals(201, call("POST", "/admin/v1/registrations",
        registration("CB0000011", "jo-home", "+3225550123")).status());

    Reply unknown = call("POST", "/admin/v1/registrations",
        registration("CB0000099", "other", "+3225550124"));
    assertEquals(422, unknown.status());
    assertEquals("unknown_serial", unknown.error().get("code").getAsString());

    call("POST", "/admin/v1/serials/CB0000013/revoke", "");
    Reply revoked = call("POST", "/admin/v1/registrations",
        registration("CB0000013", "other", "+3225550124"));
    assertEquals(422, revoked.status());
    assertEquals("unknown_serial", revoked.error().get("code").getAsString());

    Reply twice = call("POST", "/admin/v1/registrations",
        registration("CB0000011", "other", "+3225550124"));
    assertEquals(409, twice.status());
    assertEquals("serial_registered", twice.error().get("code").getAsString());

    Reply taken = call("POST", "/admin/v1/registrations",
        registration("CB0000012", "jo-home", "+3225550124"));
    assertEquals(409, taken.status());
    assertEquals("cb_name_taken", taken.error().get("code").getAsString());

    Reply phone = call("POST", "/admin/v1/registrations",
        registration("CB0000012", "other", "call me"));
    assertEquals(400, phone.status());
    assertEquals("invalid_field", phone.error().get("code").getAsString());
    assertTrue(phone.error().get("message").getAsString().contains("telephoneNumber"));

    Reply missing = call("POST", "/admin/v1/registrations", "{\"serialNumber\":\"CB0000012\"}");
    assertEquals(400, missing.status());
    assertEquals("missing_field", missing.error().get("code").getAsString());

    assertEquals(405, call("GET", "/admin/v1/registrations", null).status());
    assertEquals(1, call("GET", "/admin/v1/subscribers", null).json().getAsJsonArray().size());
  }
}
