package org.connectivitybox.firmware.config;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.radius.ConfigurationLogin;
import org.connectivitybox.css.radius.RadiusSettings;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.configuration.ConfigurationSettings;
import org.connectivitybox.css.store.LegitimateSerial;
import org.connectivitybox.css.store.Registration;
import org.connectivitybox.css.store.Registrations;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.firmware.line.NapLine;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.testing.FreePorts;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.ppp.SimulatorLink;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.nap.NapSettings;

/**
 * Phase II in one JVM, for tests: the CSS with its RADIUS (configuration logins against the
 * legitimate serials), the PSTN simulator with a configuration NAP and a local NAP that both ask
 * it, box stores as the factory writes them (parameters 190 with the configuration flag set),
 * and a test configuration manager standing in for the CSS's: told of each configuration login
 * by RADIUS accounting, it connects to the box with the CSS's server certificate and PUTs the
 * parameters 191 prepared for that serial.
 */
final class ConfigStory implements AutoCloseable {
  static final String CSS_LINE = "08005550100";
  static final String CONFIG_NAP = "08001234567";
  static final String LOCAL_NAP = "08450001";
  static final String SECRET = "nap-secret-1";
  static final RingCadence CADENCE = new RingCadence(Duration.ofMillis(400), Duration.ofMillis(800));
  static final ConfigTimeouts SHORT = new ConfigTimeouts(Duration.ofSeconds(20),
      Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(2));

  /** What the test configuration manager does when a box comes on line. */
  enum Behaviour {
    /** PUT the box's parameters. */
    PUT,
    /** PUT parameters whose CB certificate is for another key, then the right ones. */
    WRONG_KEY_THEN_PUT,
    /** Send the head and half the body, then close: the CSS went down mid-way. */
    HALF_BODY,
    /** Nothing: the CSS is gone. */
    SILENT
  }

  /** One answer the box gave the manager. */
  record Answer(SerialNumber serial, int status, String body, boolean storeHeld191) {}

  /** A box as the factory made it, and the parameters the CSS will give it. */
  record FactoryBox(Path store, SerialNumber serial, Parameters190 p190, Parameters191 p191,
      Parameters191 wrongKey) {}

  final Path root;
  final Simulator sim;
  final Css css;
  final int configPort;
  final List<AutoCloseable> open = new ArrayList<>();
  final Map<SerialNumber, FactoryBox> boxes = new ConcurrentHashMap<>();
  final List<Answer> answers = new CopyOnWriteArrayList<>();
  final List<ConfigurationLogin> logins = new CopyOnWriteArrayList<>();
  volatile Behaviour behaviour = Behaviour.PUT;
  /**
   * The configuration mode {@link #registeredBox} provisions; BOX_CONNECTS_TO_CSS points the
   * box's configuration service address at the CSS's configuration connector (real manager).
   */
  volatile ConfigurationMode mode = ConfigurationMode.CSS_CONNECTS_TO_BOX;
  private final ExecutorService manager = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-configuration-manager");
    t.setDaemon(true);
    return t;
  });

  ConfigStory(List<String> lines) throws Exception {
    this(lines, false);
  }

  /** Box timeouts the real manager sends: a short On Line timeout so wakeup runs end soon. */
  static final OperationalTimeouts BOX_TIMEOUTS = new OperationalTimeouts(Duration.ofSeconds(20),
      Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
      Duration.ofSeconds(2), Duration.ofSeconds(30));

  /**
   * @param realManager the CSS's own configuration manager (Phases II and III, reconfiguration)
   *     instead of the test one: it derives the parameters 191 from a Phase I registration
   *     ({@link #registeredBox}) and PUTs them to the box's {@link #configPort}
   */
  ConfigStory(List<String> lines, boolean realManager) throws Exception {
    root = Files.createTempDirectory("config-story");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      configPort = s.getLocalPort();
    }
    int auth = FreePorts.udpPair();
    List<LineConfig> all = new ArrayList<>();
    all.add(new LineConfig(CSS_LINE, 0, 33_600, false, Presentation.AVAILABLE, "CSS"));
    for (String l : lines) {
      all.add(new LineConfig(l, 0, 33_600, false, Presentation.AVAILABLE, null));
    }
    var radius = new org.connectivitybox.pstnsim.nap.RadiusSettings("127.0.0.1", auth, auth + 1,
        SECRET, Duration.ofMillis(2000), 1);
    sim = Simulator.start(new SimConfig(new ExchangeSettings(CADENCE, Map.of(),
        CallBarring.Rules.OFF), all, List.of(
            new NapSettings(CONFIG_NAP, "nap-config", 33_600, 8, 1, Duration.ofSeconds(10),
                "127.2.0.1", "127.2.0.200", "127.0.0.1", radius),
            new NapSettings(LOCAL_NAP, "nap-local", 33_600, 8, 1, Duration.ofSeconds(10),
                "127.1.0.1", "127.1.0.200", "127.0.0.1", radius)), null, -1));
    open.add(sim);
    Css.Settings settings = new Css.Settings(root.resolve("css"),
        new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), null,
        null, null, new WakeupSettings(List.of("tcp:127.0.0.1:" + sim.port(CSS_LINE)), null,
            "generic", 2, CADENCE.on().plus(CADENCE.off())),
        new SendReceiveManager.Settings(Duration.ofSeconds(40), Duration.ofMinutes(10),
            Duration.ofSeconds(1)))
        .withRadius(new RadiusSettings(new InetSocketAddress("127.0.0.1", auth), auth + 1,
            Map.of(InetAddress.getByName("127.0.0.1"), SECRET),
            RadiusSettings.DEFAULT_CONFIG_DOMAIN, RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN));
    if (realManager) {
      css = Css.start(settings.withConfiguration(ConfigurationSettings.of(
          org.connectivitybox.protocols.pstn.TelephoneNumber.of(LOCAL_NAP), null,
          Set.of(CSS_LINE), 2).withPhase2Port(configPort)
          .withTimes(Duration.ofSeconds(60), Duration.ofSeconds(30))
          .withBoxTimeouts(BOX_TIMEOUTS).withSilence(Duration.ofSeconds(2))
          .withConfigListen(new InetSocketAddress("127.0.0.1", 0))),
          Clock.systemUTC());
    } else {
      css = Css.start(settings, Clock.systemUTC(), login -> {
        logins.add(login);
        manager.execute(() -> deliver(login));
      });
    }
    open.add(css);
  }

  /**
   * Writes a box's store as the factory does (parameters 190, configuration flag set), registers
   * its subscriber (Phase I) and prepares its parameters 191 with a CB certificate from the
   * CSS's CA; {@code legitimate}: its serial is imported as from the factory manifest.
   */
  FactoryBox factoryBox(String serial, CbId cbId, String cbName, String line,
      boolean legitimate) throws Exception {
    Path store = root.resolve(serial);
    KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var ca = css.folder().ca();
    SerialNumber sn = SerialNumber.of(serial);
    Parameters190 p190 = new Parameters190(sn, org.connectivitybox.protocols.pstn.TelephoneNumber
        .of(CONFIG_NAP), Parameters190.configUserName(sn, RadiusSettings.DEFAULT_CONFIG_DOMAIN),
        "factory-" + serial, SHORT, ConfigurationMode.CSS_CONNECTS_TO_BOX, null,
        keys.getPublic(), keys.getPrivate(),
        List.of(ca.issueSerialNumberCertificate(sn, keys.getPublic())), ca.root(), true);
    DirectoryStore.seed(store, Parameters190Codec.record(p190));
    if (legitimate) {
      legitimate(p190);
    }
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(cbId, cbName,
        new TelephoneNumber(line), ZoneId.of("Europe/Brussels")));
    String napPassword = new String(css.repositories().subscribers().generateNapPassword(cbId));
    Parameters191 p191 = parameters(cbId, cbName, keys, napPassword);
    Parameters191 wrong = parameters(cbId, cbName,
        KeyAlgorithm.EC_P256.generate(new SecureRandom()), napPassword);
    FactoryBox box = new FactoryBox(store, sn, p190, p191, wrong);
    boxes.put(sn, box);
    return box;
  }

  /**
   * A box as the factory made it (configuration flag set), its serial legitimate, registered
   * through Phase I with {@code line} as its telephone number; the CSS's own manager will
   * configure it ({@code p191} and {@code wrongKey} are null).
   */
  FactoryBox registeredBox(String serial, String cbName, String line) throws Exception {
    Path store = root.resolve(serial);
    KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var ca = css.folder().ca();
    SerialNumber sn = SerialNumber.of(serial);
    Parameters190 p190 = new Parameters190(sn, org.connectivitybox.protocols.pstn.TelephoneNumber
        .of(CONFIG_NAP), Parameters190.configUserName(sn, RadiusSettings.DEFAULT_CONFIG_DOMAIN),
        "factory-" + serial, SHORT, mode, mode == ConfigurationMode.BOX_CONNECTS_TO_CSS
            ? new ServiceAddress("127.0.0.1", css.configurationPort()) : null,
        keys.getPublic(), keys.getPrivate(),
        List.of(ca.issueSerialNumberCertificate(sn, keys.getPublic())), ca.root(), true);
    DirectoryStore.seed(store, Parameters190Codec.record(p190));
    legitimate(p190);
    CbId cbId = Registrations.newCbId();
    css.repositories().registrations().register(new Registration(SubscriberRecord.newSubscriber(
        cbId, cbName, new TelephoneNumber(line), ZoneId.of("Europe/Brussels"))
        .withSerialNumber(sn), "Jo Smith", "1 Rue Haute", "{\"plan\":\"basic\"}", "Uncle Jo",
        List.of()));
    FactoryBox box = new FactoryBox(store, sn, p190, null, null);
    boxes.put(sn, box);
    return box;
  }

  /** Imports the box's serial as a factory manifest lists it. */
  void legitimate(Parameters190 p190) throws Exception {
    css.repositories().serials().importRows(List.of(new LegitimateSerial(p190.serialNumber(),
        p190.configUserName(), sha256(p190.configPassword().getBytes(StandardCharsets.UTF_8)),
        sha256(p190.serialNumberCertificate().get(0).getEncoded()),
        Instant.now().plus(Duration.ofDays(3650)), "test-manifest.csv")));
  }

  private Parameters191 parameters(CbId cbId, String cbName, KeyPair keys, String napPassword) {
    return new Parameters191(CbName.of(cbName), "Uncle Jo",
        List.of(css.folder().ca().issueCbCertificate(cbId, keys.getPublic(),
            Duration.ofDays(365))),
        org.connectivitybox.protocols.pstn.TelephoneNumber.of(LOCAL_NAP),
        cbId.value() + "@" + RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN, napPassword,
        ServiceAddress.parse("127.0.0.1:" + css.operationalPort()), OperationalTimeouts.DEFAULTS,
        new WakeupParameters(Set.of(CSS_LINE), Optional.empty(), 0, Duration.ofSeconds(2)));
  }

  /** The box's modem on its simulator line, as a NapLine with no wakeup parameters. */
  NapLine line(String number) throws Exception {
    SystemModemTime time = new SystemModemTime();
    open.add(time);
    ModemDriver modem = ModemDriver.start(SerialLines.open("tcp:127.0.0.1:" + sim.port(number)),
        ModemProfile.GENERIC, time, ModemSettings.DEFAULTS);
    modem.initialise();
    var timers = Executors.newSingleThreadScheduledExecutor();
    open.add(timers::shutdownNow);
    NapLine line = new NapLine(modem, call -> new SimulatorLink(call.input(), call.output(),
        Clock.systemUTC(), Scheduler.of(timers), Thread::new), null, true,
        new NapLine.Listener() {
          @Override
          public void wakeup(org.connectivitybox.protocols.pstn.WakeupVerdict verdict) {}

          @Override
          public void lineLost(String why) {}
        });
    open.add(line);
    return line;
  }

  private void deliver(ConfigurationLogin login) {
    FactoryBox box = boxes.get(login.serial());
    if (box == null || behaviour == Behaviour.SILENT) {
      return;
    }
    InetSocketAddress endpoint = new InetSocketAddress(login.framedIpAddress(), configPort);
    try {
      if (behaviour == Behaviour.WRONG_KEY_THEN_PUT) {
        put(box, endpoint, Parameters191Codec.encode(box.wrongKey()), false);
      }
      put(box, endpoint, Parameters191Codec.encode(box.p191()), behaviour == Behaviour.HALF_BODY);
    } catch (Exception e) {
      answers.add(new Answer(box.serial(), -1, e.toString(), false));
    }
  }

  /**
   * PUTs {@code body} to the box's endpoint as the CSS's configuration manager would (its server
   * certificate as client identity, only a serial-number certificate accepted), retrying the
   * connection for a few seconds (accounting may arrive before the box listens).
   */
  Answer put(FactoryBox box, InetSocketAddress endpoint, byte[] body, boolean half)
      throws Exception {
    TlsContext tls = TlsContexts.builder().identity(css.folder().serverKey(),
        css.folder().serverChain()).trustAnchor(css.folder().ca().root())
        .acceptPeers(CertificatePurpose.SERIAL_NUMBER).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try (SSLSocket s = tls.connect(endpoint, 2_000)) {
        s.setSoTimeout(10_000);
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        out.write(("PUT /v1/configuration HTTP/1.1\r\nHost: " + endpoint.getHostString() + ":"
            + endpoint.getPort() + "\r\nContent-Type: application/json; charset=utf-8\r\n"
            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        if (half) {
          out.write(body, 0, body.length / 2);
          out.flush();
          answers.add(new Answer(box.serial(), 0, "closed mid-body", held191(box)));
          return answers.get(answers.size() - 1);
        }
        out.write(body);
        out.flush();
        InputStream in = s.getInputStream();
        String response = new String(readAll(in), StandardCharsets.UTF_8);
        int status = Integer.parseInt(response.substring(9, 12));
        String entity = response.substring(response.indexOf("\r\n\r\n") + 4);
        Answer a = new Answer(box.serial(), status, entity, held191(box));
        answers.add(a);
        return a;
      } catch (java.net.ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    in.transferTo(b);
    return b.toByteArray();
  }

  private static boolean held191(FactoryBox box) {
    try {
      return BoxStore.open(box.store()).parameters191().isPresent();
    } catch (Exception e) {
      return true; // a damaged record counts as held
    }
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Override
  public void close() throws Exception {
    manager.shutdownNow();
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception e) {
        // go on closing the rest
      }
    }
    try (var files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
