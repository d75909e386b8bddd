package org.connectivitybox.css;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CssCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = CssCommand.run(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void helpNamesEveryOption() {
    Run r = run("--help");
    assertEquals(0, r.exit());
    for (String option : List.of("--data", "--listen", "--admin-listen", "--jdbc-url",
        "--db-user", "--db-password-file", "--radius-listen", "--radius-acct-port",
        "--radius-client", "--config-domain", "--subscriber-domain", "--local-nap",
        "--public-address", "--wakeup-caller-id", "--phase3-timeout")) {
      assertTrue(r.out().contains(option), option);
    }
  }

  @Test
  void badInputIsOneLineAndExitStatus2() {
    Run r = run("--data", dir.toString(), "--listen", "nowhere");
    assertEquals(2, r.exit());
    assertEquals("css: --listen must be HOST:PORT, not 'nowhere'\n", r.err());
    Run missing = run("--listen", "127.0.0.1:0");
    assertEquals(2, missing.exit());
    assertEquals(1, missing.err().strip().lines().count(), missing.err());
  }

  @Test
  void badRadiusOptionsAreOneLineAndExitStatus2() throws Exception {
    Path secret = dir.resolve("nas.secret");
    Files.writeString(secret, "s3cret\n");
    String[] base = {"--data", dir.resolve("data").toString(), "--listen", "127.0.0.1:0",
        "--admin-listen", "127.0.0.1:0"};
    assertRadiusError(base, "css: --radius-listen needs at least one --radius-client"
        + " IP=SECRETFILE", "--radius-listen", "127.0.0.1:0");
    assertRadiusError(base, "css: --radius-client and --radius-acct-port need --radius-listen",
        "--radius-client", "127.0.0.1=" + secret);
    assertRadiusError(base, "css: --radius-client must be IP=SECRETFILE, not '127.0.0.1'",
        "--radius-listen", "127.0.0.1:0", "--radius-client", "127.0.0.1");
    assertRadiusError(base, "css: --radius-client wants an IP address, not 'nas.example'",
        "--radius-listen", "127.0.0.1:0", "--radius-client", "nas.example=" + secret);
    assertRadiusError(base, "css: " + dir.resolve("none") + ": cannot read the RADIUS secret of"
        + " 127.0.0.1", "--radius-listen", "127.0.0.1:0", "--radius-client",
        "127.0.0.1=" + dir.resolve("none"));
    assertRadiusError(base, "css: --config-domain and --subscriber-domain must differ",
        "--config-domain", "x.example", "--subscriber-domain", "X.example");
    assertRadiusError(base, "css: --config-domain must be a domain name such as"
        + " config.cbox.example, not 'not a domain'", "--config-domain", "not a domain");
    try (java.net.DatagramSocket taken = new java.net.DatagramSocket(
        new java.net.InetSocketAddress("127.0.0.1", 0))) {
      Run r = run(concat(base, "--radius-listen", "127.0.0.1:" + taken.getLocalPort(),
          "--radius-client", "127.0.0.1=" + secret));
      assertEquals(2, r.exit());
      assertTrue(r.err().contains("css: cannot listen for RADIUS authentication on 127.0.0.1:"
          + taken.getLocalPort()), r.err());
    }
  }

  @Test
  void badConfigurationOptionsAreOneLineAndExitStatus2() {
    String[] base = {"--data", dir.resolve("data").toString(), "--listen", "127.0.0.1:0",
        "--admin-listen", "127.0.0.1:0"};
    assertRadiusError(base, "css: --public-address and --wakeup-caller-id need --local-nap",
        "--wakeup-caller-id", "08005550100");
    assertRadiusError(base, "css: --config-listen needs --local-nap",
        "--config-listen", "127.0.0.1:0");
    Run r = run(concat(base, "--local-nap", "555-0300"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("css: ") && r.err().contains("555-0300"), r.err());
    assertRadiusError(base, "css: --phase3-timeout must be a positive number with a unit ms, s,"
        + " m or h (for example 90s), not 'soon'", "--local-nap", "5550300", "--phase3-timeout",
        "soon");
  }

  private static void assertRadiusError(String[] base, String expected, String... more) {
    Run r = run(concat(base, more));
    assertEquals(2, r.exit(), r.err());
    assertEquals(expected + "\n", r.err());
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void anUnreachableDatabaseIsOneLineAndExitStatus2() {
    Run r = run("--data", dir.toString(), "--listen", "127.0.0.1:0", "--admin-listen",
        "127.0.0.1:0", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--db-user", "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("css: cannot open the database jdbc:postgresql://127.0.0.1:1/none"),
        r.err());
    assertEquals(1, r.err().strip().lines().filter(l -> l.startsWith("css:")).count(), r.err());
  }

  @Test
  void theFirstStartMakesTheDataFolderAndTheSecondReusesIt() throws Exception {
    DataFolder first = DataFolder.open(dir, List.of("127.0.0.1", "css.example"), Clock.systemUTC());
    assertTrue(first.adminPasswordCreated());
    X509Certificate server = first.serverChain().get(0);
    assertEquals(CertificatePurpose.CSS_SERVER, CertificatePurpose.of(server).orElseThrow());
    server.verify(first.ca().root().getPublicKey());
    for (String secret : List.of("ca/ca.key", "server/css.key", "admin/password")) {
      assertEquals("rw-------", PosixFilePermissions.toString(
          Files.getPosixFilePermissions(dir.resolve(secret))), secret);
    }
    DataFolder second = DataFolder.open(dir, List.of("127.0.0.1"), Clock.systemUTC());
    assertEquals(false, second.adminPasswordCreated());
    assertEquals(first.adminPassword(), second.adminPassword());
    assertEquals(server, second.serverChain().get(0));
    assertEquals(first.ca().root(), second.ca().root());
    DataFolder renamed = DataFolder.open(dir, List.of("css2.example"), Clock.systemUTC());
    assertTrue(renamed.serverChain().get(0).getSubjectAlternativeNames().stream()
        .anyMatch(n -> n.get(1).equals("css2.example")));
  }
}
