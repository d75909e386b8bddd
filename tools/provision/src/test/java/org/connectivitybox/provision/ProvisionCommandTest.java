package org.connectivitybox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line contract of the provisioning tool, run in-process. */
class ProvisionCommandTest {
  @TempDir Path dir;
  Path ca;

  @BeforeEach
  void makeCa() {
    ca = dir.resolve("ca");
    Cli.Result r = Cli.run("init-ca", "--dir", ca);
    assertEquals(0, r.exitCode(), r::toString);
  }

  @Test
  void initCaWritesCertificateAndOwnerOnlyKey() throws Exception {
    assertTrue(Files.exists(ca.resolve("ca.crt")));
    assertEquals("rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(ca.resolve("ca.key"))));
  }

  @Test
  void initCaRefusesToOverwriteAnExistingCa() throws Exception {
    byte[] before = Files.readAllBytes(ca.resolve("ca.key"));
    Cli.Result r = Cli.run("init-ca", "--dir", ca);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("provision: error: " + ca + " already holds a CA"), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(ca.resolve("ca.key"))));
  }

  @Test
  void anEncryptedCaNeedsItsPasswordAndRefusesAWrongOne() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "correct horse\n");
    Path wrong = dir.resolve("wrong");
    Files.writeString(wrong, "battery staple\n");
    Path enc = dir.resolve("enc");
    assertEquals(0, Cli.run("init-ca", "--dir", enc, "--password-file", pw).exitCode());
    assertTrue(Files.readString(enc.resolve("ca.key")).contains("ENCRYPTED PRIVATE KEY"));

    Cli.Result none = Cli.run("device", "--ca", enc, "--serial", "CB1", "--out", dir.resolve("d1"));
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("no password was given (give it with --ca-password-file)"),
        none::toString);

    Cli.Result bad = Cli.run("device", "--ca", enc, "--ca-password-file", wrong, "--serial", "CB1",
        "--out", dir.resolve("d1"));
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("wrong password for the CA key"), bad::toString);
    assertFalse(Files.exists(dir.resolve("d1")));

    Cli.Result good = Cli.run("device", "--ca", enc, "--ca-password-file", pw, "--serial", "CB1",
        "--out", dir.resolve("d1"));
    assertEquals(0, good.exitCode(), good::toString);
    assertEquals(0, Cli.run("verify", "--ca", enc, dir.resolve("d1")).exitCode());
  }

  @Test
  void aWrongOrMissingCaFolderIsAOneLineError() throws Exception {
    Cli.Result missing = Cli.run("device", "--ca", dir.resolve("nope"), "--serial", "CB1",
        "--out", dir.resolve("d"));
    assertEquals(2, missing.exitCode());
    assertEquals("provision: error: " + dir.resolve("nope") + ": no such CA folder\n",
        missing.err());

    Path notCa = Files.createDirectory(dir.resolve("notca"));
    Files.writeString(notCa.resolve("ca.crt"), "garbage");
    Cli.Result garbage = Cli.run("device", "--ca", notCa, "--serial", "CB1", "--out", dir.resolve("d"));
    assertEquals(2, garbage.exitCode());
    assertTrue(garbage.err().contains("ca.crt: no PEM block in it"), garbage::toString);
  }

  @Test
  void deviceWritesACompleteFolderThatVerifies() throws Exception {
    Path d = dir.resolve("CB26A-000001");
    Cli.Result r = Cli.run("device", "--ca", ca, "--serial", "CB26A-000001", "--out", d,
        "--config-nap", "0800123456", "--config-domain", "cfg.example.net");
    assertEquals(0, r.exitCode(), r::toString);
    try (Stream<Path> files = Files.list(d)) {
      assertEquals(List.of("ca.crt", "device.key", "serial.crt", "store"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Parameters190 p = Parameters190Codec.read(DirectoryStore.open(d.resolve("store"))).orElseThrow();
    assertEquals("CB26A-000001", p.serialNumber().value());
    assertEquals("0800123456", p.configNapNumber().value());
    assertEquals("CB26A-000001@cfg.example.net", p.configUserName());
    assertEquals(ConfigurationMode.CSS_CONNECTS_TO_BOX, p.configurationMode());
    assertTrue(p.configurationFlag());
    assertEquals(FactoryOptions.PASSWORD_LENGTH, p.configPassword().length());

    Cli.Result v = Cli.run("verify", "--ca", ca, d);
    assertEquals(0, v.exitCode(), v::toString);
    assertEquals("OK   " + d + "\n", v.out());
  }

  @Test
  void deviceRefusesAnExistingFolderAndABadSerialWithoutWritingAnything() throws Exception {
    Path existing = Files.createDirectory(dir.resolve("exists"));
    Cli.Result r = Cli.run("device", "--ca", ca, "--serial", "CB1", "--out", existing);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("already exists; refusing to overwrite"), r::toString);
    try (Stream<Path> s = Files.list(existing)) {
      assertEquals(0, s.count());
    }

    Cli.Result bad = Cli.run("device", "--ca", ca, "--serial", "CB/1", "--out", dir.resolve("x"));
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("malformed serial number 'CB/1'"), bad::toString);
    assertFalse(Files.exists(dir.resolve("x")));
    assertNoPartials(dir);
  }

  @Test
  void boxConnectsModeNeedsTheServiceAddress() throws Exception {
    Cli.Result r = Cli.run("device", "--ca", ca, "--serial", "CB1", "--out", dir.resolve("d"),
        "--config-mode", "box-connects");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("needs --config-service"), r::toString);
    Cli.Result ok = Cli.run("device", "--ca", ca, "--serial", "CB1", "--out", dir.resolve("d"),
        "--config-mode", "box-connects", "--config-service", "css.example.net:8443");
    assertEquals(0, ok.exitCode(), ok::toString);
    Parameters190 p =
        Parameters190Codec.read(DirectoryStore.open(dir.resolve("d/store"))).orElseThrow();
    assertEquals(ConfigurationMode.BOX_CONNECTS_TO_CSS, p.configurationMode());
    assertEquals("css.example.net:8443", p.configServiceAddress().toString());
  }

  @Test
  void invalidFactoryOptionsAreRefusedBeforeAnyDeviceIsMade() {
    for (String[] bad : List.of(new String[] {"--config-nap", "call me"},
        new String[] {"--config-domain", "bad domain"},
        new String[] {"--config-mode", "sideways"},
        new String[] {"--retry-initial", "100", "--retry-max", "10"},
        new String[] {"--login-timeout", "0"})) {
      Object[] args = Stream.concat(Stream.of("batch", "--ca", ca, "--count", "3", "--prefix", "X",
          "--out", dir.resolve("b")), Stream.of((Object[]) bad)).toArray();
      Cli.Result r = Cli.run(args);
      assertEquals(2, r.exitCode(), () -> String.join(" ", bad) + "\n" + r);
      assertTrue(r.err().startsWith("provision: error: "), r::toString);
      assertFalse(Files.exists(dir.resolve("b/X000001")), String.join(" ", bad));
    }
  }

  @Test
  void usageErrorsExitWithTwoAndPointToHelp() {
    Cli.Result r = Cli.run("batch", "--ca", ca, "--out", dir.resolve("b"));
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("Try 'provision batch --help'"), r::toString);
    Cli.Result both = Cli.run("batch", "--ca", ca, "--out", dir.resolve("b"), "--count", "2",
        "--prefix", "A", "--from", "x.csv");
    assertEquals(2, both.exitCode(), both::toString);
  }

  @Test
  void everyCommandExplainsItself() {
    for (String c : List.of("init-ca", "init-factory-ca", "device", "batch", "csr", "sign-csr",
        "verify")) {
      Cli.Result r = Cli.run(c, "--help");
      assertEquals(0, r.exitCode(), c);
      assertTrue(r.out().startsWith("Usage: provision " + c), r::toString);
    }
    Cli.Result top = Cli.run("--help");
    assertTrue(top.out().contains("Exit status:"), top::toString);
  }

  static void assertNoPartials(Path folder) throws Exception {
    try (Stream<Path> s = Files.walk(folder)) {
      List<Path> partials =
          s.filter(p -> p.getFileName().toString().startsWith(".partial-")).toList();
      assertEquals(List.of(), partials);
    }
  }
}
