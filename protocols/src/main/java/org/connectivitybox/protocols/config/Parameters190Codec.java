package org.connectivitybox.protocols.config;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.connectivitybox.hal.store.PersistentStore;
import org.connectivitybox.hal.store.StoredRecord;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * Encodes parameters 190 as the payload of the {@value StoreRecords#PARAMETERS_190} store record
 * (schema version {@value StoreRecords#PARAMETERS_190_SCHEMA}): a UTF-8 JSON object, keys and
 * certificates as PEM text. The format is documented in {@code docs/store-format.md}.
 *
 * <p>Decoding is strict: every field is required (except {@code configServiceAddress}), typed and
 * validated, and the first problem is reported with the field's name. Unknown fields are
 * ignored, so that a later schema may add fields that older firmware does not need.
 */
public final class Parameters190Codec {
  private static final String DOC = StoreRecords.PARAMETERS_190;

  private Parameters190Codec() {}

  /** The record payload for {@code p}. */
  public static byte[] encode(Parameters190 p) {
    JsonObject nap = new JsonObject();
    nap.addProperty("telephoneNumber", p.configNapNumber().value());
    nap.addProperty("userName", p.configUserName());
    nap.addProperty("password", p.configPassword());
    JsonObject timeouts = new JsonObject();
    ConfigTimeouts t = p.configTimeouts();
    timeouts.addProperty("callSetupSeconds", t.callSetup().toSeconds());
    timeouts.addProperty("loginSeconds", t.login().toSeconds());
    timeouts.addProperty("downloadSeconds", t.download().toSeconds());
    timeouts.addProperty("retryInitialSeconds", t.retryInitial().toSeconds());
    timeouts.addProperty("retryMaxSeconds", t.retryMax().toSeconds());
    JsonObject o = new JsonObject();
    o.addProperty("serialNumber", p.serialNumber().value());
    o.add("configNap", nap);
    o.add("configTimeouts", timeouts);
    o.addProperty("configurationMode", p.configurationMode().name());
    if (p.configServiceAddress() != null) {
      o.addProperty("configServiceAddress", p.configServiceAddress().toString());
    }
    o.addProperty("publicKey", Pem.publicKey(p.publicKey()));
    o.addProperty("privateKey", Pem.privateKey(p.privateKey()));
    o.addProperty("serialNumberCertificate", Pem.certificates(p.serialNumberCertificate()));
    o.addProperty("rootCaCertificate", Pem.certificate(p.rootCaCertificate()));
    o.addProperty("configurationFlag", p.configurationFlag());
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parameters 190 from a record payload.
   *
   * @throws MalformedMessageException naming the first field that is missing or invalid
   */
  public static Parameters190 decode(byte[] payload) throws MalformedMessageException {
    JsonFields o = JsonFields.parse(DOC, payload);
    JsonFields nap = o.object("configNap");
    JsonFields t = o.object("configTimeouts");
    long limit = ConfigTimeouts.LIMIT.toSeconds();
    SerialNumber serial = RecordFields.value(o, "serialNumber", () -> SerialNumber.of(o.string("serialNumber")));
    TelephoneNumber napNumber = RecordFields.value(nap, "telephoneNumber",
        () -> TelephoneNumber.of(nap.string("telephoneNumber")));
    ConfigTimeouts timeouts = RecordFields.value(o, "configTimeouts", () -> new ConfigTimeouts(
        Duration.ofSeconds(t.integer("callSetupSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("loginSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("downloadSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("retryInitialSeconds", 1, limit)),
        Duration.ofSeconds(t.integer("retryMaxSeconds", 1, limit))));
    ConfigurationMode mode = RecordFields.value(o, "configurationMode",
        () -> ConfigurationMode.valueOf(o.string("configurationMode")));
    String address = o.optionalString("configServiceAddress");
    ServiceAddress serviceAddress = address == null ? null
        : RecordFields.value(o, "configServiceAddress", () -> ServiceAddress.parse(address));
    PublicKey publicKey = RecordFields.value(o, "publicKey", () -> Pem.readPublicKey(o.string("publicKey"), "PEM"));
    PrivateKey privateKey =
        RecordFields.value(o, "privateKey", () -> Pem.readPrivateKey(o.string("privateKey"), null, "PEM"));
    List<X509Certificate> chain = RecordFields.value(o, "serialNumberCertificate",
        () -> Pem.readCertificates(o.string("serialNumberCertificate"), "PEM"));
    X509Certificate root = RecordFields.value(o, "rootCaCertificate",
        () -> Pem.readCertificate(o.string("rootCaCertificate"), "PEM"));
    boolean flag = o.bool("configurationFlag");
    String userName = nap.string("userName");
    String password = nap.string("password");
    try {
      return new Parameters190(serial, napNumber, userName, password, timeouts, mode,
          serviceAddress, publicKey, privateKey, chain, root, flag);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(DOC + ": " + e.getMessage(), e);
    }
  }

  /** The store record of freshly provisioned parameters 190 (generation 1), for seeding a store. */
  public static StoredRecord record(Parameters190 p) {
    return new StoredRecord(StoreRecords.PARAMETERS_190, StoreRecords.PARAMETERS_190_SCHEMA, 1,
        encode(p));
  }

  /** Writes parameters 190 into the box's store, atomically. */
  public static StoredRecord write(PersistentStore store, Parameters190 p) throws IOException {
    return store.write(StoreRecords.PARAMETERS_190, StoreRecords.PARAMETERS_190_SCHEMA, encode(p));
  }

  /**
   * Reads parameters 190 from the box's store.
   *
   * @return empty if the box has none (it was never provisioned)
   * @throws org.connectivitybox.hal.store.StoreCorruptedException if the record is damaged
   * @throws MalformedMessageException if it is intact but its content is invalid or of a schema
   *     this code does not read
   */
  public static Optional<Parameters190> read(PersistentStore store) throws IOException {
    return RecordFields.read(store, StoreRecords.PARAMETERS_190, StoreRecords.PARAMETERS_190_SCHEMA,
        Parameters190Codec::decode);
  }
}
