package org.connectivitybox.protocols.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.protocols.testing.TestPki;
import org.connectivitybox.protocols.testing.TestPki.Identity;
import org.connectivitybox.protocols.tls.TlsContextsTest.LineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKI and TLS layer against the real {@code openssl} binary: what a factory operator or a
 * third-party client would use to check our files and servers.
 */
@Tag("openssl")
@DisplayName("Interoperability with the openssl command")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OpensslInteropTest {
  private static final String OPENSSL = "/usr/bin/openssl";
  private static final long PROCESS_TIMEOUT_SECONDS = 30;

  @TempDir Path dir;
  private final TestPki pki = TestPki.create();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeAll
  static void opensslIsInstalled() {
    assertTrue(Files.isExecutable(Path.of(OPENSSL)), OPENSSL + " is needed for these tests");
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  /** What a finished openssl run printed (stdout and stderr together) and its exit status. */
  record Run(int exitCode, String output) {}

  /** Runs openssl with {@code stdin} as its input, bounded by a timeout; the process never outlives this. */
  private static Run openssl(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(OPENSSL);
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
        try {
          return p.getInputStream().readAllBytes();
        } catch (IOException e) {
          return ("(output unreadable: " + e + ")").getBytes(StandardCharsets.UTF_8);
        }
      });
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // openssl may exit before reading its input; its output says why
      }
      assertTrue(p.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS),
          "openssl " + String.join(" ", args) + " did not finish in time");
      String text = new String(output.get(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS),
          StandardCharsets.UTF_8);
      return new Run(p.exitValue(), text);
    } finally {
      p.destroyForcibly();
    }
  }

  private LineServer cssAcceptingSerialNumbers() throws IOException {
    LineServer server = new LineServer(pki.tlsContext(pki.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    toClose.add(server);
    return server;
  }

  /** openssl s_client presenting {@code name}.crt/.key, verifying the server against root.pem. */
  private Run sClient(LineServer server, Path cert, String... extra) throws Exception {
    Path root = pki.writePem(dir);
    Path key = cert.resolveSibling(cert.getFileName().toString().replace(".crt", ".key"));
    List<String> args = new ArrayList<>(List.of("s_client", "-connect",
        "127.0.0.1:" + server.port(), "-cert", cert.toString(), "-key", key.toString(),
        "-CAfile", root.toString(), "-verify_return_error", "-quiet"));
    args.addAll(List.of(extra));
    return openssl("line from openssl\n", args.toArray(String[]::new));
  }

  @Test
  void opensslPresentingASerialNumberCertificateCompletesTheMutualHandshake() throws Exception {
    LineServer server = cssAcceptingSerialNumbers();
    Path cert = pki.serialNumberIdentity("OSSL-0001").writePem(dir, "serial");
    Run run = sClient(server, cert);
    LineServer.Outcome seen = server.next();
    assertNull(seen.failure(), () -> TlsContextsTest.reasons(seen.failure()) + "\n" + run.output());
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("OSSL-0001")), seen.peer());
    assertEquals("line from openssl", seen.line());
    assertEquals("TLSv1.3", seen.session().getProtocol());
    assertTrue(run.output().contains("hello SerialNumberIdentity[serial=OSSL-0001]"), run.output());
  }

  @Test
  void opensslOverTls12AlsoCompletesTheHandshake() throws Exception {
    LineServer server = cssAcceptingSerialNumbers();
    Path cert = pki.serialNumberIdentity("OSSL-12").writePem(dir, "serial");
    Run run = sClient(server, cert, "-tls1_2");
    LineServer.Outcome seen = server.next();
    assertNull(seen.failure(), () -> TlsContextsTest.reasons(seen.failure()) + "\n" + run.output());
    assertEquals("TLSv1.2", seen.session().getProtocol());
    assertTrue(seen.session().getCipherSuite().startsWith("TLS_ECDHE_ECDSA_WITH_"),
        seen.session().getCipherSuite());
    assertTrue(run.output().contains("hello SerialNumberIdentity[serial=OSSL-12]"), run.output());
  }

  @Test
  void opensslPresentingACertificateOfAForeignCaIsRefused() throws Exception {
    LineServer server = cssAcceptingSerialNumbers();
    Path cert = TestPki.create().serialNumberIdentity("OSSL-0001").writePem(dir, "foreign");
    Run run = sClient(server, cert);
    String why = server.nextRefusal();
    assertTrue(why.contains("PKIX path"), why);
    assertFalse(run.output().contains("hello"), run.output());
    assertNotEquals(0, run.exitCode(), run.output());
  }

  @Test
  void opensslPresentingACbCertificateIsRefused() throws Exception {
    LineServer server = cssAcceptingSerialNumbers();
    Path cert = pki.cbIdentity("cb-42", pki.newKeyPair()).writePem(dir, "cb");
    Run run = sClient(server, cert);
    String why = server.nextRefusal();
    assertTrue(why.contains("is a CB certificate; accepted here: [SERIAL_NUMBER]"), why);
    assertFalse(run.output().contains("hello"), run.output());
  }

  @Test
  void opensslPresentingTheCssServerCertificateIsRefused() throws Exception {
    LineServer server = cssAcceptingSerialNumbers();
    Path cert = pki.cssServerIdentity().writePem(dir, "css");
    Run run = sClient(server, cert);
    String why = server.nextRefusal();
    assertTrue(why.contains("is a CSS_SERVER certificate"), why);
    assertFalse(run.output().contains("hello"), run.output());
  }

  @Test
  void opensslPresentingASubCaIssuedCertificateWithItsChainIsAccepted() throws Exception {
    TestPki factory = TestPki.withFactoryCa();
    LineServer server = new LineServer(factory.tlsContext(factory.cssServerIdentity(),
        CertificatePurpose.SERIAL_NUMBER));
    toClose.add(server);
    Path root = factory.writePem(dir);
    Identity box = factory.serialNumberIdentity("SUB-1");
    Path cert = dir.resolve("leaf.crt");
    Path key = dir.resolve("leaf.key");
    Files.writeString(cert, Pem.certificate(box.leaf()));
    Files.writeString(key, Pem.privateKey(box.privateKey()));
    Run run = openssl("line\n", "s_client", "-connect", "127.0.0.1:" + server.port(),
        "-cert", cert.toString(), "-key", key.toString(),
        "-cert_chain", dir.resolve("subca.pem").toString(), "-CAfile", root.toString(),
        "-verify_return_error", "-quiet");
    LineServer.Outcome seen = server.next();
    assertNull(seen.failure(), () -> TlsContextsTest.reasons(seen.failure()) + "\n" + run.output());
    assertEquals(new PeerIdentity.SerialNumberIdentity(SerialNumber.of("SUB-1")), seen.peer());
  }

  @Test
  void opensslVerifiesASubCaIssuedSerialNumberCertificate() throws Exception {
    TestPki factory = TestPki.withFactoryCa();
    Path root = factory.writePem(dir);
    Path subCa = dir.resolve("subca.pem");
    Path leaf = Files.writeString(dir.resolve("leaf.pem"),
        Pem.certificate(factory.serialNumberIdentity("V-1").leaf()));
    Run ok = openssl("", "verify", "-CAfile", root.toString(), "-untrusted", subCa.toString(),
        leaf.toString());
    assertEquals(0, ok.exitCode(), ok.output());
    assertTrue(ok.output().contains(leaf + ": OK"), ok.output());
    for (String purpose : List.of("sslclient", "sslserver")) {
      Run p = openssl("", "verify", "-purpose", purpose, "-CAfile", root.toString(),
          "-untrusted", subCa.toString(), leaf.toString());
      assertEquals(0, p.exitCode(), purpose + ": " + p.output());
    }
    Run noChain = openssl("", "verify", "-CAfile", root.toString(), leaf.toString());
    assertNotEquals(0, noChain.exitCode(), "without the sub-CA the path cannot be built");
    Run foreignRoot = openssl("", "verify", "-CAfile",
        TestPki.create().writePem(dir.resolve("foreign")).toString(), "-untrusted",
        subCa.toString(), leaf.toString());
    assertNotEquals(0, foreignRoot.exitCode(), foreignRoot.output());
  }

  @Test
  void opensslReadsAnEncryptedPrivateKeyWithItsPassword() throws Exception {
    KeyPair keys = pki.newKeyPair();
    Path file = Files.writeString(dir.resolve("ca.key"),
        Pem.encryptedPrivateKey(keys.getPrivate(), "s3cret pass".toCharArray()));
    Run right = openssl("", "pkey", "-in", file.toString(), "-passin", "pass:s3cret pass",
        "-noout");
    assertEquals(0, right.exitCode(), right.output());
    Run wrong = openssl("", "pkey", "-in", file.toString(), "-passin", "pass:wrong", "-noout");
    assertNotEquals(0, wrong.exitCode(), wrong.output());
    // And the key openssl decrypts is ours: its public half is the one we hold.
    Run pub = openssl("", "pkey", "-in", file.toString(), "-passin", "pass:s3cret pass",
        "-pubout");
    assertEquals(0, pub.exitCode(), pub.output());
    assertEquals(keys.getPublic(), Pem.readPublicKey(pub.output(), "openssl -pubout"));
  }

  @Test
  void keysThatOpensslMakesAreReadable() throws Exception {
    Path ec = dir.resolve("ec.key");
    Run genEc = openssl("", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out",
        ec.toString());
    assertEquals(0, genEc.exitCode(), genEc.output());
    assertTrue(Files.readString(ec).startsWith("-----BEGIN EC PRIVATE KEY-----"));
    PrivateKey traditional = Pem.readPrivateKey(Files.readString(ec), null, ec.toString());
    assertEquals("EC", traditional.getAlgorithm());

    Path encrypted = dir.resolve("enc.key");
    Run genEnc = openssl("", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
        "-aes-256-cbc", "-pass", "pass:pw", "-out", encrypted.toString());
    assertEquals(0, genEnc.exitCode(), genEnc.output());
    PrivateKey rsa = Pem.readPrivateKey(Files.readString(encrypted), "pw".toCharArray(),
        encrypted.toString());
    assertEquals("RSA", rsa.getAlgorithm());
    assertEquals(encrypted + ": wrong password for the private key", assertThrows(
        PemException.class, () -> Pem.readPrivateKey(Files.readString(encrypted),
            "nope".toCharArray(), encrypted.toString())).getMessage());
  }

  @Test
  void csrsPassBothWays() throws Exception {
    KeyPair keys = pki.newKeyPair();
    Path ours = Files.writeString(dir.resolve("device.csr"),
        Pem.certificateRequest(DeviceCsr.create(SerialNumber.of("CSR-1"), keys)));
    Run verify = openssl("", "req", "-in", ours.toString(), "-verify", "-noout");
    assertEquals(0, verify.exitCode(), verify.output());
    assertTrue(verify.output().contains("verify OK"), verify.output());

    Path key = Files.writeString(dir.resolve("device.key"), Pem.privateKey(keys.getPrivate()));
    Path theirs = dir.resolve("openssl.csr");
    Run req = openssl("", "req", "-new", "-key", key.toString(), "-subj",
        "/serialNumber=CSR-2/CN=CSR-2", "-out", theirs.toString());
    assertEquals(0, req.exitCode(), req.output());
    DeviceCsr.Checked checked = DeviceCsr.check(
        Pem.readCertificateRequest(Files.readString(theirs), theirs.toString()));
    assertEquals(SerialNumber.of("CSR-2"), checked.serial());
    assertEquals(keys.getPublic(), checked.publicKey());
  }
}
