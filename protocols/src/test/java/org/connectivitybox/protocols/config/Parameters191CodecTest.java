package org.connectivitybox.protocols.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.pstn.Cadence;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Parameters191CodecTest {
  static final TestPki PKI = TestPki.create();

  static Parameters191 sample(TestPki.Identity cb) {
    return new Parameters191(CbName.of("jo-home"), "Uncle Jo", cb.chain(),
        TelephoneNumber.of("5550300"), "cb-jo@nasp.test", "s3cret!", ServiceAddress.parse(
            "127.0.0.1:8443"), OperationalTimeouts.DEFAULTS,
        new WakeupParameters(Set.of("08005550100"), Optional.of(new Cadence(
            Duration.ofMillis(900), Duration.ofMillis(300))), 3, Duration.ofSeconds(9)));
  }

  @Test
  void aRecordSurvivesTheStoreIntact(@TempDir Path dir) throws Exception {
    var keys = PKI.newKeyPair();
    Parameters191 p = sample(PKI.cbIdentity("cb-jo", keys));
    DirectoryStore store = DirectoryStore.open(dir);
    assertTrue(Parameters191Codec.read(store).isEmpty(), "an unconfigured box has none");
    Parameters191Codec.write(store, p);
    Parameters191 back = Parameters191Codec.read(store).orElseThrow();
    assertEquals(p, back);
    assertEquals(CbId.of("cb-jo"), back.cbId());
    assertTrue(back.certifies(keys.getPublic()));
    assertFalse(back.certifies(PKI.newKeyPair().getPublic()));
    assertFalse(back.toString().contains("s3cret!"), "never the password: " + back);
  }

  @Test
  void everyFieldIsCheckedAndNamed() {
    byte[] good = Parameters191Codec.encode(sample(PKI.cbIdentity("cb-jo", PKI.newKeyPair())));
    String text = new String(good, StandardCharsets.UTF_8);
    assertEquals("params191: field 'localNap.password' is missing", fails(
        text.replace("\"password\"", "\"passwort\"")));
    assertEquals("params191: field 'css' is invalid: " + invalid("nowhere"),
        fails(text.replace("\"127.0.0.1:8443\"", "\"nowhere\"")));
    assertEquals("params191: field 'wakeup.distinctiveCadenceMillis' must be"
        + " [onMillis, offMillis]", fails(text.replaceFirst(
            "\"distinctiveCadenceMillis\": \\[[^\\]]*\\]", "\"distinctiveCadenceMillis\": [900]")));
    assertEquals("params191: field 'wakeup.ringLimit' is 11, outside 0..10",
        fails(text.replace("\"ringLimit\": 3", "\"ringLimit\": 11")));
    assertTrue(fails("{\"cbName\":").startsWith("params191: "));
  }

  @Test
  void aSerialNumberCertificateIsNotACbCertificate() {
    var serial = PKI.serialNumberIdentity("CB1A00000001");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sample(serial));
    assertTrue(e.getMessage().startsWith("cbCertificate is not a CB certificate"),
        e.getMessage());
  }

  static String invalid(String address) {
    try {
      ServiceAddress.parse(address);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  static String fails(String json) {
    return assertThrows(MalformedMessageException.class,
        () -> Parameters191Codec.decode(json.getBytes(StandardCharsets.UTF_8))).getMessage();
  }
}
