package org.connectivitybox.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;

/**
 * What {@code cold-start} starts a box and its baseline from, in a temp folder: a PSTN simulator
 * line (in-process) for the box's modem, a Root CA, a configured box's store (parameters 190 and
 * 191; the CSS address is a closed port, which the box contacts only for a SEND or a wakeup),
 * the box's scanner and printer folders, and the same box identity as PEM files for the
 * baseline. {@link #close()} stops the simulator and deletes the folder.
 */
final class ColdStartFixture implements AutoCloseable {
  static final String LINE = "5551001";
  private static final String CSS_LINE = "08005550100";

  final Path root;
  final Path store;
  final Path inbox;
  final Path printed;
  /** {@code box-key.pem}, {@code cb.pem}, {@code root.pem}: read by {@link BaselineStartup}. */
  final Path identity;
  private final Simulator sim;

  private ColdStartFixture(Path root, Simulator sim) {
    this.root = root;
    this.sim = sim;
    this.store = root.resolve("store");
    this.inbox = root.resolve("scanner");
    this.printed = root.resolve("printed");
    this.identity = root.resolve("baseline");
  }

  static ColdStartFixture create() throws IOException {
    Path root = Files.createTempDirectory("cold-start");
    Simulator sim = null;
    try {
      RingCadence cadence = new RingCadence(Duration.ofMillis(400), Duration.ofMillis(800));
      sim = Simulator.start(new SimConfig(new ExchangeSettings(cadence, Map.of(),
          CallBarring.Rules.OFF),
          List.of(new LineConfig(LINE, 0, 33_600, false, Presentation.AVAILABLE, null)),
          List.of(), null, -1));
      ColdStartFixture f = new ColdStartFixture(root, sim);
      f.writeBox();
      return f;
    } catch (IOException | RuntimeException e) {
      if (sim != null) {
        sim.close();
      }
      delete(root);
      throw e;
    }
  }

  /** The box's {@code --modem} argument. */
  String modem() {
    return "tcp:127.0.0.1:" + sim.port(LINE);
  }

  private void writeBox() throws IOException {
    SecureRandom random = new SecureRandom();
    CertificateAuthority ca = CertificateAuthority.createRoot("Connectivity Box Root CA",
        KeyAlgorithm.EC_P256, Clock.systemUTC(), random);
    KeyPair keys = KeyAlgorithm.EC_P256.generate(random);
    SerialNumber sn = SerialNumber.of("CB1A00000001");
    CbId cbId = CbId.of("cb-bench");
    Parameters190 p190 = new Parameters190(sn, TelephoneNumber.of("08001234567"),
        Parameters190.configUserName(sn, "config.connectivitybox.example"), "factory-secret",
        ConfigTimeouts.DEFAULTS, ConfigurationMode.CSS_CONNECTS_TO_BOX, null, keys.getPublic(),
        keys.getPrivate(), List.of(ca.issueSerialNumberCertificate(sn, keys.getPublic())),
        ca.root(), false);
    List<java.security.cert.X509Certificate> cb = List.of(
        ca.issueCbCertificate(cbId, keys.getPublic(), Duration.ofDays(365)));
    Parameters191 p191 = new Parameters191(CbName.of("bench-home"), "Bench", cb,
        TelephoneNumber.of("08450001"), cbId.value() + "@cb.connectivitybox.example",
        "nap-secret", ServiceAddress.parse("127.0.0.1:" + closedPort()),
        OperationalTimeouts.DEFAULTS,
        new WakeupParameters(Set.of(CSS_LINE), Optional.empty(), 0, Duration.ofSeconds(2)));
    DirectoryStore.seed(store, Parameters190Codec.record(p190), Parameters191Codec.record(p191));
    Files.createDirectories(inbox);
    Files.createDirectories(printed);
    Files.createDirectories(identity);
    Files.writeString(identity.resolve("box-key.pem"), Pem.privateKey(keys.getPrivate()));
    Files.writeString(identity.resolve("cb.pem"), Pem.certificates(cb));
    Files.writeString(identity.resolve("root.pem"), Pem.certificate(ca.root()));
  }

  /** A loopback port nothing listens on (it was free a moment ago). */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    sim.close();
    delete(root);
  }

  private static void delete(Path root) {
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("cold-start: could not delete " + root + ": " + e.getMessage());
    }
  }
}
