package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as an operator runs it: first start makes the data folder and prints the admin
 * password once; curl registers a subscriber and reads /v1/time with a CB certificate; SIGTERM
 * stops it; a second start reuses the folder and the records.
 */
class CssLauncherIT {
  private static final Pattern PORTS =
      Pattern.compile("operational https://127\\.0\\.0\\.1:(\\d+)  admin https://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path dir;

  record Started(Process process, int operational, int admin, List<String> lines) {}

  Started start(Path data) throws Exception {
    Process p = new ProcessBuilder(System.getProperty("css.launcher"), "--data", data.toString(),
        "--listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0")
        .redirectError(dir.resolve("css.err").toFile()).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = out.readLine()) != null) {
      lines.add(line);
      Matcher m = PORTS.matcher(line);
      if (m.find()) {
        return new Started(p, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), lines);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the CSS did not start: " + lines + "\n"
        + Files.readString(dir.resolve("css.err")));
  }

  String curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
  }

  static void stop(Process p) throws InterruptedException {
    p.destroy(); // SIGTERM: the shutdown hook stops the server and closes the database
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the CSS did not stop on SIGTERM");
      assertEquals(143, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void anOperatorStartsRegistersAndRestarts() throws Exception {
    Path data = dir.resolve("data");
    Started first = start(data);
    String ca = data.resolve("ca/ca.crt").toString();
    try {
      assertTrue(first.lines().get(0).startsWith("css: admin password (user 'admin')"));
      String password = Files.readString(data.resolve("admin/password")).strip();
      assertTrue(first.lines().get(0).endsWith(password));
      String created = curl("--cacert", ca, "-u", "admin:" + password, "-X", "POST",
          "-H", "Content-Type: application/json", "--data",
          "{\"cbId\":\"cb-op\",\"cbName\":\"Op\",\"telephoneNumber\":\"5550100\","
              + "\"timeZone\":\"UTC\"}",
          "https://127.0.0.1:" + first.admin() + "/admin/v1/subscribers");
      assertTrue(created.contains("\"status\":\"ACTIVE\""), created);

      CertificateAuthority root = CertificateAuthority.of(
          Pem.readCertificate(Files.readString(Path.of(ca)), ca),
          Pem.readPrivateKey(Files.readString(data.resolve("ca/ca.key")), null, "ca.key"),
          List.of(), Clock.systemUTC(), new SecureRandom());
      KeyPair pair = KeyAlgorithm.EC_P256.generate(new SecureRandom());
      X509Certificate cb = root.issueCbCertificate(CbId.of("cb-op"), pair.getPublic(),
          Duration.ofDays(1));
      Path[] credential = RunningCss.write(dir, "cb-op", cb, pair);
      String time = curl("--cacert", ca, "--cert", credential[0].toString(), "--key",
          credential[1].toString(), "https://localhost:" + first.operational() + "/v1/time");
      assertTrue(time.startsWith("{\"cbId\":\"cb-op\",\"serverTime\":\""), time);
    } finally {
      stop(first.process());
    }

    Started second = start(data);
    try {
      assertFalse(second.lines().get(0).contains("admin password"), second.lines().toString());
      String password = Files.readString(data.resolve("admin/password")).strip();
      String read = curl("--cacert", ca, "-u", "admin:" + password,
          "https://127.0.0.1:" + second.admin() + "/admin/v1/subscribers/cb-op");
      assertTrue(read.contains("\"cbName\":\"Op\""), read);
    } finally {
      stop(second.process());
    }
  }
}
