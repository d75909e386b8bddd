package org.connectivitybox.protocols.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.hal.store.PersistentStore;
import org.connectivitybox.hal.store.StoredRecord;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.pstn.Cadence;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.Pem;

/**
 * Encodes parameters 191 as the payload of the {@value StoreRecords#PARAMETERS_191} store record
 * (schema version {@value StoreRecords#PARAMETERS_191_SCHEMA}) and as the body the configuration
 * manager downloads: a UTF-8 JSON object, the CB certificate as PEM text. The format is in
 * {@code docs/store-format.md}.
 *
 * <pre>{@code
 * {"cbName": "jo-home", "friendlyName": "Uncle Jo", "cbCertificate": "-----BEGIN CERTIFICATE...",
 *  "localNap": {"telephoneNumber": "5550300", "userName": "cb@nasp", "password": "..."},
 *  "css": "css.example:8443",
 *  "timeouts": {"callSetupSeconds": 60, "loginSeconds": 30, "transactionSeconds": 30,
 *               "sendWaitSeconds": 150, "onLineSeconds": 60, "stallSeconds": 60},
 *  "wakeup": {"cssCallerIds": ["08005550100"], "distinctiveCadenceMillis": [900, 300],
 *             "ringLimit": 3, "silenceSeconds": 9}}
 * }</pre>
 *
 * <p>Decoding is strict like {@link Parameters190Codec}: every field is required except {@code
 * wakeup.distinctiveCadenceMillis}; the first problem is reported with the field's name.
 */
public final class Parameters191Codec {
  private static final String DOC = StoreRecords.PARAMETERS_191;

  private Parameters191Codec() {}

  /** The payload for {@code p}. */
  public static byte[] encode(Parameters191 p) {
    JsonObject nap = new JsonObject();
    nap.addProperty("telephoneNumber", p.localNapNumber().value());
    nap.addProperty("userName", p.localNapUserName());
    nap.addProperty("password", p.localNapPassword());
    OperationalTimeouts t = p.timeouts();
    JsonObject timeouts = new JsonObject();
    timeouts.addProperty("callSetupSeconds", t.callSetup().toSeconds());
    timeouts.addProperty("loginSeconds", t.login().toSeconds());
    timeouts.addProperty("transactionSeconds", t.transaction().toSeconds());
    timeouts.addProperty("sendWaitSeconds", t.sendWait().toSeconds());
    timeouts.addProperty("onLineSeconds", t.onLine().toSeconds());
    timeouts.addProperty("stallSeconds", t.stall().toSeconds());
    WakeupParameters w = p.wakeup();
    JsonObject wakeup = new JsonObject();
    JsonArray ids = new JsonArray();
    w.cssCallerIds().stream().sorted().forEach(ids::add);
    wakeup.add("cssCallerIds", ids);
    w.distinctiveCadence().ifPresent(c -> {
      JsonArray cadence = new JsonArray();
      cadence.add(c.on().toMillis());
      cadence.add(c.off().toMillis());
      wakeup.add("distinctiveCadenceMillis", cadence);
    });
    wakeup.addProperty("ringLimit", w.ringLimit());
    wakeup.addProperty("silenceSeconds", w.silence().toSeconds());
    JsonObject o = new JsonObject();
    o.addProperty("cbName", p.cbName().value());
    o.addProperty("friendlyName", p.friendlyName());
    o.addProperty("cbCertificate", Pem.certificates(p.cbCertificate()));
    o.add("localNap", nap);
    o.addProperty("css", p.css().toString());
    o.add("timeouts", timeouts);
    o.add("wakeup", wakeup);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parameters 191 from a payload.
   *
   * @throws MalformedMessageException naming the first field that is missing or invalid
   */
  public static Parameters191 decode(byte[] payload) throws MalformedMessageException {
    JsonFields o = JsonFields.parse(DOC, payload);
    JsonFields nap = o.object("localNap");
    JsonFields t = o.object("timeouts");
    JsonFields w = o.object("wakeup");
    long limit = ConfigTimeouts.LIMIT.toSeconds();
    CbName name = RecordFields.value(o, "cbName", () -> CbName.of(o.string("cbName")));
    var chain = RecordFields.value(o, "cbCertificate",
        () -> Pem.readCertificates(o.string("cbCertificate"), "PEM"));
    TelephoneNumber napNumber = RecordFields.value(nap, "telephoneNumber",
        () -> TelephoneNumber.of(nap.string("telephoneNumber")));
    ServiceAddress css = RecordFields.value(o, "css", () -> ServiceAddress.parse(o.string("css")));
    OperationalTimeouts timeouts = RecordFields.value(o, "timeouts", () -> new OperationalTimeouts(
        Duration.ofSeconds(t.integer("callSetupSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("loginSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("transactionSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("sendWaitSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("onLineSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("stallSeconds", 1, limit))));
    Set<String> ids = new LinkedHashSet<>(w.strings("cssCallerIds"));
    Optional<Cadence> distinctive = Optional.empty();
    if (w.has("distinctiveCadenceMillis")) {
      var millis = w.integers("distinctiveCadenceMillis", 1, 60_000);
      if (millis.size() != 2) {
        throw w.wrong("distinctiveCadenceMillis", "must be [onMillis, offMillis]");
      }
      distinctive = Optional.of(RecordFields.value(w, "distinctiveCadenceMillis", () -> new Cadence(
          Duration.ofMillis(millis.get(0)), Duration.ofMillis(millis.get(1)))));
    }
    Optional<Cadence> cadence = distinctive;
    WakeupParameters wakeup = RecordFields.value(o, "wakeup", () -> new WakeupParameters(ids, cadence,
        (int) w.integer("ringLimit", 0, 10),
        Duration.ofSeconds(w.integer("silenceSeconds", 1, 60))));
    try {
      return new Parameters191(name, o.string("friendlyName"), chain, napNumber,
          nap.string("userName"), nap.string("password"), css, timeouts, wakeup);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(DOC + ": " + e.getMessage(), e);
    }
  }

  /** The store record of parameters 191 (generation 1), for seeding a store. */
  public static StoredRecord record(Parameters191 p) {
    return new StoredRecord(StoreRecords.PARAMETERS_191, StoreRecords.PARAMETERS_191_SCHEMA, 1,
        encode(p));
  }

  /** Writes parameters 191 into the box's store, atomically. */
  public static StoredRecord write(PersistentStore store, Parameters191 p) throws IOException {
    return store.write(StoreRecords.PARAMETERS_191, StoreRecords.PARAMETERS_191_SCHEMA, encode(p));
  }

  /**
   * Reads parameters 191 from the box's store.
   *
   * @return empty if the box has none (it is not configured)
   * @throws org.connectivitybox.hal.store.StoreCorruptedException if the record is damaged
   * @throws MalformedMessageException if it is intact but invalid or of another schema
   */
  public static Optional<Parameters191> read(PersistentStore store) throws IOException {
    return RecordFields.read(store, StoreRecords.PARAMETERS_191, StoreRecords.PARAMETERS_191_SCHEMA,
        Parameters191Codec::decode);
  }
}
