package org.connectivitybox.firmware.app;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.radius.RadiusSettings;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.TelephoneNumber;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.firmware.store.AddressBook;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.testing.FreePorts;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.printer.FolderPrinter;
import org.connectivitybox.hal.scanner.InboxScanner;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.ConfigTimeouts;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.SerialNumber;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.nap.NapSettings;

/**
 * The desktop story in one JVM, for tests: the CSS (embedded database, its RADIUS, wakeups
 * through its simulator line), the PSTN simulator with a local NAP that asks the CSS's RADIUS,
 * and boxes on simulated devices whose stores hold parameters 190 and 191.
 */
final class DesktopStory implements AutoCloseable {
  static final String CSS_LINE = "08005550100";
  static final String NAP = "08450001";
  static final String SECRET = "nap-secret-1";
  static final RingCadence CADENCE = new RingCadence(Duration.ofMillis(400), Duration.ofMillis(800));

  final Path root;
  final Simulator sim;
  final Css css;
  final List<AutoCloseable> open = new ArrayList<>();

  /** A box's parts a test looks at. */
  record TestBox(Box box, Path store, MemoryDisplay display, DesktopKeypad keypad, Path inbox,
      Path printed) {}

  DesktopStory(List<String> lines, int lineRateBps) throws Exception {
    root = Files.createTempDirectory("desktop-story");
    int auth = FreePorts.udpPair();
    List<LineConfig> all = new ArrayList<>();
    all.add(new LineConfig(CSS_LINE, 0, 33_600, false, Presentation.AVAILABLE, "CSS"));
    for (String l : lines) {
      all.add(new LineConfig(l, 0, lineRateBps, false, Presentation.AVAILABLE, null));
    }
    sim = Simulator.start(new SimConfig(new ExchangeSettings(CADENCE, Map.of(),
        CallBarring.Rules.OFF), all, List.of(new NapSettings(NAP, "nap-local", lineRateBps, 8, 1,
        Duration.ofSeconds(10), "127.1.0.1", "127.1.0.200", "127.0.0.1",
        new org.connectivitybox.pstnsim.nap.RadiusSettings("127.0.0.1", auth, auth + 1, SECRET,
            Duration.ofMillis(2000), 1))), null, -1));
    open.add(sim);
    Css started = Css.start(new Css.Settings(root.resolve("css"),
        new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), null,
        null, null, new WakeupSettings(List.of("tcp:127.0.0.1:" + sim.port(CSS_LINE)), null,
            "generic", 2, CADENCE.on().plus(CADENCE.off())),
        new SendReceiveManager.Settings(Duration.ofSeconds(40), Duration.ofMinutes(10),
            Duration.ofSeconds(1)))
        .withRadius(new RadiusSettings(new InetSocketAddress("127.0.0.1", auth), auth + 1,
            Map.of(InetAddress.getByName("127.0.0.1"), SECRET),
            RadiusSettings.DEFAULT_CONFIG_DOMAIN, RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN)),
        Clock.systemUTC());
    css = started;
    open.add(css);
  }

  /**
   * Registers a subscriber and writes a box's store as factory and configuration would:
   * parameters 190 (serial-number certificate), parameters 191 (CB certificate, NAP login,
   * CSS address, timeouts, wakeup by the CSS's caller ID), and an address book.
   */
  Path provision(String serial, CbId cbId, String cbName, String friendly, String line,
      OperationalTimeouts timeouts, List<AddressBook.Entry> book) throws Exception {
    Path store = root.resolve(cbName);
    KeyPair keys = KeyAlgorithm.EC_P256.generate(new SecureRandom());
    var ca = css.folder().ca();
    SerialNumber sn = SerialNumber.of(serial);
    Parameters190 p190 = new Parameters190(sn,
        org.connectivitybox.protocols.pstn.TelephoneNumber.of("08001234567"),
        Parameters190.configUserName(sn, RadiusSettings.DEFAULT_CONFIG_DOMAIN),
        "factory-" + serial, ConfigTimeouts.DEFAULTS, ConfigurationMode.CSS_CONNECTS_TO_BOX,
        null, keys.getPublic(), keys.getPrivate(),
        List.of(ca.issueSerialNumberCertificate(sn, keys.getPublic())), ca.root(), false);
    css.repositories().subscribers().create(SubscriberRecord.newSubscriber(cbId, cbName,
        new TelephoneNumber(line), ZoneId.of("Europe/Brussels")));
    char[] napPassword = css.repositories().subscribers().generateNapPassword(cbId);
    Parameters191 p191 = new Parameters191(CbName.of(cbName), friendly,
        List.of(ca.issueCbCertificate(cbId, keys.getPublic(), Duration.ofDays(365))),
        org.connectivitybox.protocols.pstn.TelephoneNumber.of(NAP),
        cbId.value() + "@" + RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN, new String(napPassword),
        ServiceAddress.parse("127.0.0.1:" + css.operationalPort()), timeouts,
        new WakeupParameters(Set.of(CSS_LINE), Optional.empty(), 0, Duration.ofSeconds(2)));
    DirectoryStore.seed(store, Parameters190Codec.record(p190), Parameters191Codec.record(p191));
    BoxStore.open(store).writeAddressBook(new AddressBook(book));
    return store;
  }

  /** Boots a box from its store on its simulator line, with desktop devices. */
  TestBox boot(Path store, String line) throws Exception {
    MemoryDisplay display = new MemoryDisplay(DisplayGeometry.LCD_16X2);
    DesktopKeypad keypad = new DesktopKeypad();
    Path inbox = Files.createDirectories(store.resolve("scanner"));
    Path printed = Files.createDirectories(store.resolve("printed"));
    Box box = Box.start(new Box.Options(store, "tcp:127.0.0.1:" + sim.port(line),
        ModemProfile.GENERIC, Box.LinkKind.SIMULATOR, null, 3),
        new Box.Devices(display, keypad, new InboxScanner(inbox, 200),
            new FolderPrinter(printed)), List.of());
    open.add(box);
    return new TestBox(box, store, display, keypad, inbox, printed);
  }

  @Override
  public void close() throws Exception {
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
