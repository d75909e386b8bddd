package org.connectivitybox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import org.connectivitybox.protocols.tls.DeviceCsr;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-made-on-the-device flow: {@code provision csr} then {@code provision sign-csr}. */
class CsrFlowTest {
  @TempDir Path dir;
  Path ca;
  Path device;

  @BeforeEach
  void setUp() {
    ca = dir.resolve("ca");
    assertEquals(0, Cli.run("init-ca", "--dir", ca).exitCode());
    device = dir.resolve("dev");
  }

  @Test
  void aSignedRequestCompletesAFolderThatVerifies() throws Exception {
    Cli.Result csr = Cli.run("csr", "--serial", "CB-77", "--out", device);
    assertEquals(0, csr.exitCode(), csr::toString);
    String key = Files.readString(device.resolve("device.key"));
    Cli.Result sign = Cli.run("sign-csr", "--ca", ca, "--in", device);
    assertEquals(0, sign.exitCode(), sign::toString);
    assertEquals(key, Files.readString(device.resolve("device.key")), "the key never changes");
    Cli.Result v = Cli.run("verify", "--ca", ca, device);
    assertEquals(0, v.exitCode(), v::toString);
  }

  @Test
  void aFolderIsSignedOnlyOnce() {
    assertEquals(0, Cli.run("csr", "--serial", "CB-1", "--out", device).exitCode());
    assertEquals(0, Cli.run("sign-csr", "--ca", ca, "--in", device).exitCode());
    Cli.Result again = Cli.run("sign-csr", "--ca", ca, "--in", device);
    assertEquals(2, again.exitCode());
    assertTrue(again.err().contains("refusing to sign it again"), again::toString);
  }

  @Test
  void aRequestWhoseSignatureDoesNotMatchItsKeyIsRefused() throws Exception {
    assertEquals(0, Cli.run("csr", "--serial", "CB-2", "--out", device).exitCode());
    // Replace the request with one that carries another public key than its signer's.
    KeyPair signer = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    KeyPair claimed = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var forged = new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder(
        new org.bouncycastle.asn1.x500.X500Name("SERIALNUMBER=CB-2"), claimed.getPublic())
        .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
            .build(signer.getPrivate()));
    Files.writeString(device.resolve("device.csr"), Pem.certificateRequest(forged));
    Cli.Result r = Cli.run("sign-csr", "--ca", ca, "--in", device);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("no proof of possession"), r::toString);
    assertFalse(Files.exists(device.resolve("serial.crt")));
  }

  @Test
  void aKeyThatIsNotTheRequestsIsRefused() throws Exception {
    assertEquals(0, Cli.run("csr", "--serial", "CB-3", "--out", device).exitCode());
    KeyPair other = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    Files.writeString(device.resolve("device.csr"),
        Pem.certificateRequest(DeviceCsr.create(SerialNumber.of("CB-3"), other)));
    Cli.Result r = Cli.run("sign-csr", "--ca", ca, "--in", device);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("does not belong to the request"), r::toString);
    assertFalse(Files.exists(device.resolve("store")));
  }

  @Test
  void aGarbageRequestIsAOneLineError() throws Exception {
    assertEquals(0, Cli.run("csr", "--serial", "CB-4", "--out", device).exitCode());
    Files.writeString(device.resolve("device.csr"), "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n");
    Cli.Result r = Cli.run("sign-csr", "--ca", ca, "--in", device);
    assertEquals(2, r.exitCode());
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(r.err().startsWith("provision: error: " + device.resolve("device.csr")), r::toString);
  }

  @Test
  void csrRefusesAnExistingFolder() throws Exception {
    Files.createDirectory(device);
    Cli.Result r = Cli.run("csr", "--serial", "CB-5", "--out", device);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("already exists"), r::toString);
  }
}
