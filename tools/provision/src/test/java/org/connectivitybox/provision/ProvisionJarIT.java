package org.connectivitybox.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged tool as a factory script runs it, checked with OpenSSL as the foreign verifier:
 * every device of a batch has a serial-number certificate that {@code openssl verify} accepts
 * against the CA, a subject that shows the serial number, and a key whose public half is the
 * certificate's.
 */
@Tag("openssl")
class ProvisionJarIT {
  @TempDir Path dir;

  @Test
  void everyDeviceOfABatchPassesOpensslChecks() throws Exception {
    Path ca = dir.resolve("ca");
    Path out = dir.resolve("devices");
    Run init = tool("init-ca", "--dir", ca.toString());
    assertEquals(0, init.code, init::toString);
    Run batch = tool("batch", "--ca", ca.toString(), "--count", "25", "--prefix", "CB26A-",
        "--out", out.toString());
    assertEquals(0, batch.code, batch::toString);
    assertTrue(batch.out.startsWith("made 25 devices"), batch::toString);

    List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
    assertEquals(26, manifest.size());
    for (String row : manifest.subList(1, manifest.size())) {
      String serial = row.split(",")[0];
      Path d = out.resolve(serial);
      String cert = d.resolve("serial.crt").toString();

      Run verify = run("openssl", "verify", "-CAfile", ca.resolve("ca.crt").toString(), cert);
      assertEquals(0, verify.code, verify::toString);
      assertEquals(cert + ": OK", verify.out.strip());

      Run subject = run("openssl", "x509", "-in", cert, "-noout", "-subject", "-nameopt", "RFC2253");
      assertEquals("subject=CN=" + serial + ",serialNumber=" + serial, subject.out.strip());

      Run keyPub = run("openssl", "pkey", "-in", d.resolve("device.key").toString(), "-pubout");
      Run certPub = run("openssl", "x509", "-in", cert, "-noout", "-pubkey");
      assertEquals(0, keyPub.code, keyPub::toString);
      assertEquals(certPub.out, keyPub.out, serial);
    }
    Run v = tool("verify", "--ca", ca.toString(), out.resolve("CB26A-000007").toString(),
        out.resolve("CB26A-000025").toString());
    assertEquals(0, v.code, v::toString);
  }

  @Test
  void anEncryptedCaKeyIsStandardPkcs8ThatOpensslOpensWithThePassword() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "s3cret-factory\n");
    Path ca = dir.resolve("ca");
    assertEquals(0, tool("init-ca", "--dir", ca.toString(), "--password-file", pw.toString()).code);
    Run ok = run("openssl", "pkey", "-in", ca.resolve("ca.key").toString(), "-passin",
        "pass:s3cret-factory", "-noout");
    assertEquals(0, ok.code, ok::toString);
    Run bad = run("openssl", "pkey", "-in", ca.resolve("ca.key").toString(), "-passin",
        "pass:wrong", "-noout");
    assertTrue(bad.code != 0, bad::toString);
  }

  @Test
  void aSubCaIssuedCertificateVerifiesWithTheRootAsTheOnlyTrustAnchor() throws Exception {
    Path root = dir.resolve("root");
    Path sub = dir.resolve("sub");
    assertEquals(0, tool("init-ca", "--dir", root.toString()).code);
    assertEquals(0, tool("init-factory-ca", "--root", root.toString(), "--dir", sub.toString()).code);
    Path d = dir.resolve("d");
    assertEquals(0, tool("device", "--ca", sub.toString(), "--serial", "SUB-1", "--out",
        d.toString()).code);
    String cert = d.resolve("serial.crt").toString();
    Run verify = run("openssl", "verify", "-CAfile", d.resolve("ca.crt").toString(), "-untrusted",
        cert, cert);
    assertEquals(0, verify.code, verify::toString);
  }

  @Test
  void theLauncherExplainsItself() throws Exception {
    Run help = run(System.getProperty("provision.launcher"), "--help");
    assertEquals(0, help.code, help::toString);
    assertTrue(help.out.contains("Usage: provision"), help::toString);
    for (String c : List.of("init-ca", "device", "batch", "csr", "sign-csr", "verify")) {
      assertTrue(help.out.contains(c), c);
    }
  }

  private record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Run tool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", System.getProperty("provision.jar")));
    cmd.addAll(List.of(args));
    return run(cmd.toArray(String[]::new));
  }

  private Run run(String... cmd) throws IOException, InterruptedException {
    Path stdout = Files.createTempFile(dir, "out", ".txt");
    Path stderr = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(
            new java.io.File("/dev/null"))).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out: " + String.join(" ", cmd));
      }
      return new Run(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } finally {
      p.destroyForcibly();
    }
  }
}
