package org.connectivitybox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provision verify} finds each kind of damage and says what it is. */
class VerifyCommandTest {
  @TempDir Path dir;
  Path ca;
  Path a;
  Path b;

  @BeforeEach
  void makeTwoDevices() {
    ca = dir.resolve("ca");
    assertEquals(0, Cli.run("init-ca", "--dir", ca).exitCode());
    assertEquals(0, Cli.run("batch", "--ca", ca, "--count", 2, "--prefix", "V", "--out",
        dir.resolve("b"), "--quiet").exitCode());
    a = dir.resolve("b/V000001");
    b = dir.resolve("b/V000002");
  }

  @Test
  void goodDevicesPass() {
    Cli.Result r = Cli.run("verify", "--ca", ca, a, b);
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().endsWith("2 of 2 devices OK\n"), r::toString);
  }

  @Test
  void aFlippedByteInTheStoreFailsItsChecksum() throws Exception {
    Path rec = a.resolve("store/params190.rec");
    byte[] bytes = Files.readAllBytes(rec);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(rec, bytes);
    assertFails(a, "store record 'params190' is corrupt: checksum mismatch");
  }

  @Test
  void anotherDevicesKeyIsFound() throws Exception {
    Files.copy(b.resolve("device.key"), a.resolve("device.key"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setPosixFilePermissions(a.resolve("device.key"), PosixFilePermissions.fromString("rw-------"));
    assertFails(a, "device.key does not belong to the certificate in serial.crt");
  }

  @Test
  void aKeyReadableByOthersIsFound() throws Exception {
    Files.setPosixFilePermissions(a.resolve("device.key"), PosixFilePermissions.fromString("rw-r--r--"));
    assertFails(a, "device.key is readable or writable by others (mode rw-r--r--");
  }

  @Test
  void aCertificateOfAForeignCaIsFound() throws Exception {
    Path foreign = dir.resolve("foreign");
    assertEquals(0, Cli.run("init-ca", "--dir", foreign).exitCode());
    assertEquals(0, Cli.run("device", "--ca", foreign, "--serial", "V000001", "--out",
        dir.resolve("f")).exitCode());
    Files.copy(dir.resolve("f/serial.crt"), a.resolve("serial.crt"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli.Result r = assertFails(a, "serial.crt does not chain to the Root CA");
    assertTrue(r.out().contains("device.key does not belong to the certificate"), r::toString);
    assertFails(dir.resolve("f"), "ca.crt is not the Root CA of the given CA folder");
  }

  @Test
  void aCertificateOfTheWrongPurposeIsFound() throws Exception {
    CertificateAuthority root = CaFolder.load(ca, null);
    KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var cb = root.issueCbCertificate(CbId.of("V000001"), keys.getPublic(), Duration.ofDays(1));
    Files.writeString(a.resolve("serial.crt"), Pem.certificate(cb));
    assertFails(a, "serial.crt is a CB certificate, not a serial-number certificate");
  }

  @Test
  void missingFilesAreNamed() throws Exception {
    Files.delete(a.resolve("ca.crt"));
    Files.delete(a.resolve("store/params190.rec"));
    Cli.Result r = assertFails(a, "missing ca.crt");
    assertTrue(r.out().contains("the store has no params190 record"), r::toString);
  }

  @Test
  void aStoreOfAnotherDeviceIsFound() throws Exception {
    Files.copy(b.resolve("store/params190.rec"), a.resolve("store/params190.rec"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli.Result r = assertFails(a, "parameters 190 are for serial V000002 but the certificate names V000001");
    assertTrue(r.out().contains("parameters 190 hold another private key than device.key"), r::toString);
  }

  @Test
  void oneBadDeviceAmongGoodOnesFailsTheRun() throws Exception {
    Files.delete(b.resolve("serial.crt"));
    Cli.Result r = Cli.run("verify", "--ca", ca, a, b);
    assertEquals(1, r.exitCode());
    assertTrue(r.out().contains("OK   " + a), r::toString);
    assertTrue(r.out().contains("FAIL " + b), r::toString);
    assertTrue(r.out().endsWith("1 of 2 devices OK\n"), r::toString);
  }

  private Cli.Result assertFails(Path device, String problem) {
    Cli.Result r = Cli.run("verify", "--ca", ca, device);
    assertEquals(1, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("FAIL " + device), r::toString);
    assertTrue(r.out().contains(problem), () -> "expected '" + problem + "' in\n" + r);
    return r;
  }
}
