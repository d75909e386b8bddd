package org.connectivitybox.protocols.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.hal.store.StoreCorruptedException;
import org.connectivitybox.hal.store.StoredRecord;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.testing.TestPki.Identity;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Parameters190Codec")
class Parameters190CodecTest {
  private static final String SERIAL = "CB-2024-0001";

  private final TestPki pki = TestPki.withFactoryCa();
  private final Identity device = pki.serialNumberIdentity(SERIAL);
  private final Parameters190 params = pki.parameters190(device);

  /** Field-by-field equality, keys and certificates by their encodings. */
  static void assertSameParameters(Parameters190 expected, Parameters190 actual) {
    assertEquals(expected.serialNumber(), actual.serialNumber());
    assertEquals(expected.configNapNumber(), actual.configNapNumber());
    assertEquals(expected.configUserName(), actual.configUserName());
    assertEquals(expected.configPassword(), actual.configPassword());
    assertEquals(expected.configTimeouts(), actual.configTimeouts());
    assertEquals(expected.configurationMode(), actual.configurationMode());
    assertEquals(expected.configServiceAddress(), actual.configServiceAddress());
    assertArrayEquals(expected.publicKey().getEncoded(), actual.publicKey().getEncoded());
    assertArrayEquals(expected.privateKey().getEncoded(), actual.privateKey().getEncoded());
    assertEquals(expected.serialNumberCertificate(), actual.serialNumberCertificate());
    assertEquals(expected.rootCaCertificate(), actual.rootCaCertificate());
    assertEquals(expected.configurationFlag(), actual.configurationFlag());
    assertTrue(actual.keyPairMatches());
  }

  private byte[] edited(Consumer<JsonObject> edit) {
    JsonObject o = JsonParser.parseString(
        new String(Parameters190Codec.encode(params), StandardCharsets.UTF_8)).getAsJsonObject();
    edit.accept(o);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonObject at(JsonObject o, String path) {
    JsonObject parent = o;
    String[] parts = path.split("\\.");
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.getAsJsonObject(parts[i]);
    }
    return parent;
  }

  private static String leafName(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private byte[] with(String path, JsonElement value) {
    return edited(o -> at(o, path).add(leafName(path), value));
  }

  private static String refusal(byte[] payload) {
    return assertThrows(MalformedMessageException.class, () -> Parameters190Codec.decode(payload))
        .getMessage();
  }

  @Test
  void parametersSurviveEncodeAndDecode() throws Exception {
    Parameters190 back = Parameters190Codec.decode(Parameters190Codec.encode(params));
    assertSameParameters(params, back);
    assertEquals(2, back.serialNumberCertificate().size(), "leaf and factory sub-CA");
    assertEquals("config.test", back.configDomain());
  }

  @Test
  void theBoxConnectsModeWithItsServiceAddressSurvives() throws Exception {
    Parameters190 p = new Parameters190(params.serialNumber(), TelephoneNumber.of("+498001234"),
        params.configUserName(), "other-Pass_word", new ConfigTimeouts(Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4),
            Duration.ofDays(1)), ConfigurationMode.BOX_CONNECTS_TO_CSS,
        ServiceAddress.parse("[2001:db8::1]:8443"), params.publicKey(), params.privateKey(),
        params.serialNumberCertificate(), params.rootCaCertificate(), false);
    assertSameParameters(p, Parameters190Codec.decode(Parameters190Codec.encode(p)));
  }

  @Test
  void rsaParametersSurvive() throws Exception {
    Parameters190 rsa = TestPki.create(KeyAlgorithm.RSA_2048, false).parameters190("RSA-9");
    assertSameParameters(rsa, Parameters190Codec.decode(Parameters190Codec.encode(rsa)));
  }

  @Test
  void theStoreGivesBackWhatWasWritten(@TempDir Path dir) throws Exception {
    DirectoryStore store = DirectoryStore.open(dir.resolve("store"));
    assertEquals(Optional.empty(), Parameters190Codec.read(store));
    StoredRecord written = Parameters190Codec.write(store, params);
    assertEquals(StoreRecords.PARAMETERS_190, written.name());
    assertEquals(StoreRecords.PARAMETERS_190_SCHEMA, written.schemaVersion());
    assertEquals(1, written.generation());
    assertSameParameters(params, Parameters190Codec.read(DirectoryStore.open(dir.resolve("store")))
        .orElseThrow());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        dir.resolve("store").resolve("params190.rec"))), "the record holds the private key");
  }

  @Test
  void anUnsupportedSchemaVersionInTheStoreIsRefused(@TempDir Path dir) throws IOException {
    DirectoryStore store = DirectoryStore.open(dir);
    store.write(StoreRecords.PARAMETERS_190, 2, Parameters190Codec.encode(params));
    assertEquals("params190: schema version 2 is not supported (this code reads 1)",
        assertThrows(MalformedMessageException.class, () -> Parameters190Codec.read(store))
            .getMessage());
  }

  @Test
  void aDamagedRecordIsReportedAsCorrupt(@TempDir Path dir) throws IOException {
    DirectoryStore store = DirectoryStore.open(dir);
    Parameters190Codec.write(store, params);
    Path file = dir.resolve("params190.rec");
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x04;
    Files.write(file, bytes);
    assertThrows(StoreCorruptedException.class, () -> Parameters190Codec.read(store));
  }

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {"serialNumber", "configNap", "configNap.telephoneNumber",
      "configNap.userName", "configNap.password", "configTimeouts",
      "configTimeouts.callSetupSeconds", "configTimeouts.loginSeconds",
      "configTimeouts.downloadSeconds", "configTimeouts.retryInitialSeconds",
      "configTimeouts.retryMaxSeconds", "configurationMode", "publicKey", "privateKey",
      "serialNumberCertificate", "rootCaCertificate", "configurationFlag"})
  void aMissingRequiredFieldIsNamed(String path) {
    String expected = "params190: field '" + path + "' is missing";
    assertEquals(expected, refusal(edited(o -> at(o, path).remove(leafName(path)))));
    assertEquals(expected, refusal(with(path, JsonNull.INSTANCE)), "null counts as missing");
  }

  @Test
  void theServiceAddressIsOptionalUnlessTheBoxConnects() throws Exception {
    assertFalse(new String(Parameters190Codec.encode(params), StandardCharsets.UTF_8)
        .contains("configServiceAddress"));
    byte[] boxConnects = with("configurationMode", new JsonPrimitive("BOX_CONNECTS_TO_CSS"));
    assertEquals("params190: configuration mode BOX_CONNECTS_TO_CSS needs the configuration "
        + "service address", refusal(boxConnects));
    Parameters190 p = Parameters190Codec.decode(edited(o -> {
      o.addProperty("configurationMode", "BOX_CONNECTS_TO_CSS");
      o.addProperty("configServiceAddress", "css.test:8443");
    }));
    assertEquals(new ServiceAddress("css.test", 8443), p.configServiceAddress());
  }

  @Test
  void wrongTypesAreNamed() {
    assertEquals("params190: field 'serialNumber' must be a string",
        refusal(with("serialNumber", new JsonPrimitive(12))));
    assertEquals("params190: field 'configNap' must be an object",
        refusal(with("configNap", new JsonPrimitive("0800"))));
    assertEquals("params190: field 'configNap.password' must be a string",
        refusal(with("configNap.password", new JsonObject())));
    assertEquals("params190: field 'configTimeouts.loginSeconds' must be a whole number",
        refusal(with("configTimeouts.loginSeconds", new JsonPrimitive("45"))));
    assertEquals("params190: field 'configTimeouts.loginSeconds' must be a whole number",
        refusal(with("configTimeouts.loginSeconds", new JsonPrimitive(45.5))));
    assertEquals("params190: field 'configurationFlag' must be true or false",
        refusal(with("configurationFlag", new JsonPrimitive("true"))));
    assertEquals("params190: field 'configServiceAddress' must be a string",
        refusal(with("configServiceAddress", new JsonPrimitive(8443))));
  }

  @Test
  void outOfRangeAndInconsistentTimeoutsAreNamed() {
    assertEquals("params190: field 'configTimeouts.callSetupSeconds' is 0, outside 1..86400",
        refusal(with("configTimeouts.callSetupSeconds", new JsonPrimitive(0))));
    assertEquals("params190: field 'configTimeouts.downloadSeconds' is 86401, outside 1..86400",
        refusal(with("configTimeouts.downloadSeconds", new JsonPrimitive(86401))));
    assertEquals("params190: field 'configTimeouts' is invalid: retryMax (30 s) is shorter than "
        + "retryInitial (60 s)", refusal(with("configTimeouts.retryMaxSeconds",
        new JsonPrimitive(30))));
  }

  @Test
  void invalidValuesAreNamed() {
    assertTrue(refusal(with("serialNumber", new JsonPrimitive("bad serial")))
        .startsWith("params190: field 'serialNumber' is invalid: malformed serial number"));
    assertTrue(refusal(with("configNap.telephoneNumber", new JsonPrimitive("0800-CALL-CSS")))
        .startsWith("params190: field 'configNap.telephoneNumber' is invalid: malformed telephone"));
    assertTrue(refusal(with("configurationMode", new JsonPrimitive("SIDEWAYS")))
        .startsWith("params190: field 'configurationMode' is invalid: "));
    assertTrue(refusal(with("configServiceAddress", new JsonPrimitive("css.test")))
        .startsWith("params190: field 'configServiceAddress' is invalid: malformed service"));
    assertEquals("params190: configuration password must be 1 to 128 printable ASCII characters"
        + " without spaces", refusal(with("configNap.password", new JsonPrimitive("two words"))));
  }

  @Test
  void aUserNameThatIsNotSerialAtDomainIsRefused() {
    assertEquals("params190: configuration user name 'OTHER-1@config.test' must have the form "
        + SERIAL + "@config_domain",
        refusal(with("configNap.userName", new JsonPrimitive("OTHER-1@config.test"))));
    assertEquals("params190: configuration user name '" + SERIAL + "' must have the form "
        + SERIAL + "@config_domain",
        refusal(with("configNap.userName", new JsonPrimitive(SERIAL))));
    assertEquals("params190: malformed configuration domain 'bad_domain'",
        refusal(with("configNap.userName", new JsonPrimitive(SERIAL + "@bad_domain"))));
    assertEquals("params190: malformed configuration domain ''",
        refusal(with("configNap.userName", new JsonPrimitive(SERIAL + "@"))));
  }

  @Test
  void aSerialThatTheCertificateDoesNotNameIsRefused() {
    String message = refusal(edited(o -> {
      o.addProperty("serialNumber", "CB-9999");
      o.getAsJsonObject("configNap").addProperty("userName", "CB-9999@config.test");
    }));
    assertTrue(message.contains("the serial-number certificate names"), message);
    assertTrue(message.contains("not serial CB-9999"), message);
  }

  @Test
  void aCertificateOfTheWrongPurposeIsRefused() {
    Identity cb = pki.cbIdentity("cb-1", device.keys());
    String message = refusal(with("serialNumberCertificate",
        new JsonPrimitive(Pem.certificates(cb.chain()))));
    assertTrue(message.startsWith("params190: certificate ") && message.endsWith(
        " is not a serial-number certificate"), message);
  }

  @Test
  void aPublicKeyThatIsNotTheCertificatesIsRefused() {
    assertEquals("params190: the public key is not the one in the serial-number certificate",
        refusal(with("publicKey", new JsonPrimitive(Pem.publicKey(pki.newKeyPair().getPublic())))));
  }

  @Test
  void pemOfTheWrongKindIsNamed() {
    assertEquals("params190: field 'privateKey' is invalid: PEM: expected a private key, found "
        + "a certificate", refusal(with("privateKey",
        new JsonPrimitive(Pem.certificate(pki.rootCertificate())))));
    assertEquals("params190: field 'rootCaCertificate' is invalid: PEM: expected one "
        + "certificate, found 2", refusal(with("rootCaCertificate", new JsonPrimitive(
        Pem.certificates(device.chain())))));
    assertEquals("params190: field 'publicKey' is invalid: PEM: no PEM block in it",
        refusal(with("publicKey", new JsonPrimitive(""))));
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] payload = Parameters190Codec.encode(params);
    payload[payload.length / 2] = (byte) 0xC3; // a lead byte followed by ASCII
    payload[payload.length / 2 + 1] = (byte) 0x28;
    assertEquals("params190: not valid UTF-8", refusal(payload));
    assertEquals("params190: not valid UTF-8", refusal(new byte[] {'{', (byte) 0xFF, '}'}));
  }

  @Test
  void trailingGarbageIsRefused() {
    byte[] payload = Parameters190Codec.encode(params);
    byte[] twoObjects = concat(payload, "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals("params190: trailing data after the JSON object", refusal(twoObjects));
    byte[] garbage = concat(payload, " x".getBytes(StandardCharsets.UTF_8));
    assertEquals("params190: trailing data after the JSON object", refusal(garbage));
    byte[] whitespace = concat(payload, "\n \n".getBytes(StandardCharsets.UTF_8));
    assertEquals(params.serialNumber(), decodeQuietly(whitespace).serialNumber());
  }

  @Test
  void documentsThatAreNotOneObjectAreRefused() {
    assertEquals("params190: expected a JSON object", refusal("[1]".getBytes(StandardCharsets.UTF_8)));
    assertEquals("params190: expected a JSON object", refusal(new byte[0]));
    assertTrue(refusal("{\"serialNumber\": ".getBytes(StandardCharsets.UTF_8))
        .startsWith("params190: not valid JSON: "));
    assertTrue(refusal("{serialNumber: 'x'}".getBytes(StandardCharsets.UTF_8))
        .startsWith("params190: not valid JSON: "), "strict JSON, not Gson's lenient dialect");
  }

  @Test
  void unknownFieldsAreIgnored() {
    byte[] payload = edited(o -> o.addProperty("addedInSchema2", "whatever"));
    assertEquals(params.serialNumber(), decodeQuietly(payload).serialNumber());
  }

  @Test
  void theEncodingHoldsNoSurprises() {
    String json = new String(Parameters190Codec.encode(params), StandardCharsets.UTF_8);
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    assertEquals(SERIAL, o.get("serialNumber").getAsString());
    assertEquals(90, o.getAsJsonObject("configTimeouts").get("callSetupSeconds").getAsInt());
    assertEquals("CSS_CONNECTS_TO_BOX", o.get("configurationMode").getAsString());
    assertTrue(o.get("privateKey").getAsString().startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(o.get("configurationFlag").getAsBoolean());
  }

  private static Parameters190 decodeQuietly(byte[] payload) {
    try {
      return Parameters190Codec.decode(payload);
    } catch (MalformedMessageException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
