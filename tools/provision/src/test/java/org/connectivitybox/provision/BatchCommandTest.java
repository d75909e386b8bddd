package org.connectivitybox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provision batch}: parallel, resumable, one CA per batch folder, and its manifest. */
class BatchCommandTest {
  @TempDir Path dir;
  Path ca;
  Path out;

  @BeforeEach
  void makeCa() {
    ca = dir.resolve("ca");
    assertEquals(0, Cli.run("init-ca", "--dir", ca).exitCode());
    out = dir.resolve("batch");
  }

  @Test
  void aBatchMakesEveryDeviceAndAManifestRowForEach() throws Exception {
    Cli.Result r = Cli.run("batch", "--ca", ca, "--count", 12, "--prefix", "CB26A-", "--out", out,
        "--threads", 3);
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("made 12 devices (0 already present)"), r::toString);
    List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
    assertEquals(ManifestRow.HEADER, manifest.get(0));
    assertEquals(13, manifest.size());
    for (int i = 1; i <= 12; i++) {
      String serial = String.format("CB26A-%06d", i);
      Path device = out.resolve(serial);
      assertEquals(List.of(), new DeviceVerifier(CaFolder.root(ca)).verify(device), serial);
      Parameters190 p =
          Parameters190Codec.read(DirectoryStore.open(device.resolve("store"))).orElseThrow();
      String[] row = manifest.get(i).split(",");
      assertEquals(serial, row[0]);
      assertEquals(p.configUserName(), row[1]);
      assertEquals(ManifestRow.sha256(p.configPassword().getBytes(StandardCharsets.US_ASCII)),
          row[2]);
      assertEquals(ManifestRow.sha256(p.serialNumberCertificate().get(0).getEncoded()), row[3]);
      assertFalse(manifest.get(i).contains(p.configPassword()), "no password in clear");
    }
  }

  @Test
  void devicesGetDistinctKeysAndPasswords() throws Exception {
    assertEquals(0, Cli.run("batch", "--ca", ca, "--count", 5, "--prefix", "D", "--out", out)
        .exitCode());
    List<String> rows = Files.readAllLines(out.resolve("manifest.csv")).subList(1, 6);
    assertEquals(5, rows.stream().map(r -> r.split(",")[2]).distinct().count());
    assertEquals(5, rows.stream().map(r -> r.split(",")[3]).distinct().count());
  }

  @Test
  void aRerunSkipsFinishedDevicesRemovesPartialsAndCompletesTheRest() throws Exception {
    assertEquals(0, Cli.run("batch", "--ca", ca, "--count", 6, "--prefix", "R", "--out", out)
        .exitCode());
    String firstManifest = Files.readString(out.resolve("manifest.csv"));
    byte[] keptKey = Files.readAllBytes(out.resolve("R000001/device.key"));
    // An interrupted run: two devices never finished, one left a partial folder behind.
    DeviceFolder.deleteRecursively(out.resolve("R000005"));
    DeviceFolder.deleteRecursively(out.resolve("R000006"));
    Files.createDirectories(out.resolve(".partial-R000005-1234/store"));

    Cli.Result r = Cli.run("batch", "--ca", ca, "--count", 6, "--prefix", "R", "--out", out);
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(r.out().startsWith("made 2 devices (4 already present)"), r::toString);
    ProvisionCommandTest.assertNoPartials(out);
    assertTrue(java.util.Arrays.equals(keptKey,
        Files.readAllBytes(out.resolve("R000001/device.key"))), "finished devices are kept");
    List<String> before = firstManifest.lines().toList();
    List<String> after = Files.readAllLines(out.resolve("manifest.csv"));
    assertEquals(before.subList(0, 5), after.subList(0, 5), "rows of kept devices unchanged");
    assertEquals(7, after.size());
    assertEquals(0, Cli.run("verify", "--ca", ca, out.resolve("R000005"), out.resolve("R000006"))
        .exitCode());

    Cli.Result again = Cli.run("batch", "--ca", ca, "--count", 6, "--prefix", "R", "--out", out);
    assertTrue(again.out().startsWith("made 0 devices (6 already present)"), again::toString);
  }

  @Test
  void aBatchFolderOfAnotherCaIsRefused() throws Exception {
    assertEquals(0, Cli.run("batch", "--ca", ca, "--count", 2, "--prefix", "A", "--out", out)
        .exitCode());
    Path other = dir.resolve("other");
    assertEquals(0, Cli.run("init-ca", "--dir", other).exitCode());
    Cli.Result r = Cli.run("batch", "--ca", other, "--count", 3, "--prefix", "A", "--out", out);
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("holds devices of another CA"), r::toString);
    assertFalse(Files.exists(out.resolve("A000003")));
  }

  @Test
  void aFailingDeviceStopsTheBatchWithoutPartialFolders() throws Exception {
    Files.createDirectories(out);
    Files.writeString(out.resolve("F000003"), "a file where a device folder should go");
    Cli.Result r = Cli.run("batch", "--ca", ca, "--count", 5, "--prefix", "F", "--out", out,
        "--threads", 1);
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.err().contains("F000003 already exists"), r::toString);
    ProvisionCommandTest.assertNoPartials(out);
    assertFalse(Files.exists(out.resolve("manifest.csv")), "no manifest for an unfinished batch");
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(Files::isDirectory).toList()) {
        assertEquals(List.of(), new DeviceVerifier(CaFolder.root(ca)).verify(p), p.toString());
      }
    }
  }

  @Test
  void serialsComeFromAFileWithDuplicatesRefused() throws Exception {
    Path csv = dir.resolve("serials.csv");
    Files.writeString(csv, "serial\nS-1\nS-2\n");
    assertEquals(0, Cli.run("batch", "--ca", ca, "--from", csv, "--out", out).exitCode());
    assertTrue(Files.isDirectory(out.resolve("S-1")) && Files.isDirectory(out.resolve("S-2")));

    Files.writeString(csv, "S-3\nS-4\nS-3\n");
    Cli.Result r = Cli.run("batch", "--ca", ca, "--from", csv, "--out", dir.resolve("dups"));
    assertEquals(2, r.exitCode());
    assertEquals("provision: error: " + csv + ":3: duplicate serial number S-3 (first on line 1)\n",
        r.err());
    assertFalse(Files.exists(dir.resolve("dups")));
  }

  @Test
  void aFactorySubCaSignsDevicesThatChainToTheRoot() throws Exception {
    Path sub = dir.resolve("factory-ca");
    Cli.Result init = Cli.run("init-factory-ca", "--root", ca, "--dir", sub);
    assertEquals(0, init.exitCode(), init::toString);
    assertEquals(0, Cli.run("batch", "--ca", sub, "--count", 2, "--prefix", "S", "--out", out)
        .exitCode());
    // The device trusts the root, not the sub-CA; its chain carries the sub-CA certificate.
    assertEquals(Files.readString(ca.resolve("ca.crt")),
        Files.readString(out.resolve("S000001/ca.crt")));
    assertEquals(2, Files.readString(out.resolve("S000001/serial.crt"))
        .split("BEGIN CERTIFICATE", -1).length - 1);
    assertEquals(0, Cli.run("verify", "--ca", sub, out.resolve("S000001")).exitCode());
    assertEquals(0, Cli.run("verify", "--ca", ca, out.resolve("S000002")).exitCode());
  }
}
