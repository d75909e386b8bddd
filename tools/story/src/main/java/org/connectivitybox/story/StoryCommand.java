package org.connectivitybox.story;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.configuration.ConfigurationSettings;
import org.connectivitybox.css.radius.RadiusSettings;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.store.BillingRecord;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.firmware.store.AddressBook;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupParameters;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.provision.ProvisionCommand;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.config.LineConfig;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.exchange.CallBarring;
import org.connectivitybox.pstnsim.exchange.CallRecord;
import org.connectivitybox.pstnsim.exchange.ExchangeSettings;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.connectivitybox.pstnsim.exchange.RingCadence;
import org.connectivitybox.pstnsim.nap.NapSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The desktop story behind {@code tools/demo}: a CSS (embedded database, RADIUS, wakeups through
 * its own simulator line) and the PSTN simulator (a local NAP) in this process; two boxes made by
 * the factory tool, registered through the CSS's admin API, given their parameters 191, and run
 * as separate {@code firmware/cb} processes on simulated devices; on box A the user picks "Uncle
 * Jo" and presses SEND (through A's panel, as a person would), and the page prints at B. The
 * timeline comes from the boxes' event logs, the simulator's call log and the CSS's billing.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, version = "demo 0.1.0",
    description = {"The Connectivity Box desktop story: CSS + PSTN simulator + two boxes; a"
        + " page sent from box A (Alice) is printed at box B (Uncle Jo), who is woken by a"
        + " telephone call he never answers.",
        "",
        "Without --once it then keeps everything running and prints the two panel URLs (LCD and"
        + " keypad in the browser) until Ctrl-C. With --once it exits 0 only if the page was"
        + " printed with the right digest; its last line is then",
        "  DELIVERED sha256=<hex of the document> printed=<path> job=<job number>"})
public final class StoryCommand implements Callable<Integer> {
  static final String CSS_LINE = "08005550100";
  static final String NAP = "08450001";
  /** The configuration NAP the factory writes into parameters 190 (tools/provision's default). */
  static final String CONFIG_NAP = "08005550190";
  static final String A_LINE = "5552001";
  static final String B_LINE = "5552002";
  static final String NAP_SECRET = "demo-nap-secret";

  @Option(names = "--dir", paramLabel = "DIR", description = "Run folder (default: ./demo-run,"
      + " made afresh).")
  Path dir = Path.of("demo-run");

  @Option(names = "--once", description = "Run the story once without waiting for a person.")
  boolean once;

  @Option(names = "--page", paramLabel = "FILE", description = "The page to send (default:"
      + " tools/pages/drawing-a4-200dpi.png, an A4 line drawing at 200 dpi).")
  Path page;

  @Option(names = "--line-rate", paramLabel = "BPS", defaultValue = "33600",
      description = "Rate of the boxes' lines and the NAP's modems (default: ${DEFAULT-VALUE}).")
  int lineRate;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180",
      description = "Give up if the page has not printed after this (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  private final PrintStream out = System.out;
  private final List<AutoCloseable> running = new ArrayList<>();
  private long startNanos;

  public static void main(String[] args) {
    System.exit(new CommandLine(new StoryCommand()).execute(args));
  }

  private void say(String who, String what) {
    out.printf("%7.1f s  %-5s %s%n", (System.nanoTime() - startNanos) / 1e9, who, what);
    out.flush();
  }

  private static void step(String title) {
    System.out.println();
    System.out.println("== " + title);
  }

  @Override
  public Integer call() throws Exception {
    Path root = Path.of(System.getProperty("cb.root", ".")).toAbsolutePath().normalize();
    Path pageFile = page != null ? page : root.resolve("tools/pages/drawing-a4-200dpi.png");
    if (!Files.isReadable(pageFile)) {
      System.err.println("demo: cannot read the page " + pageFile);
      return 2;
    }
    dir = dir.toAbsolutePath();
    deleteTree(dir);
    Files.createDirectories(dir.resolve("logs"));
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "demo-stop"));
    startNanos = System.nanoTime();
    try {
      return story(root, pageFile);
    } finally {
      if (once) {
        stopAll();
      }
    }
  }

  private int story(Path root, Path pageFile) throws Exception {
    step("1. The telephone network (PSTN simulator) and the CSS");
    int radius = freeUdpPair();
    RingCadence cadence = RingCadence.DEFAULT;
    Simulator sim = Simulator.start(new SimConfig(new ExchangeSettings(cadence, Map.of(),
        CallBarring.Rules.OFF), List.of(
            new LineConfig(CSS_LINE, 0, 33_600, false, Presentation.AVAILABLE, "CSS WAKEUP"),
            new LineConfig(A_LINE, 0, lineRate, false, Presentation.AVAILABLE, "ALICE"),
            new LineConfig(B_LINE, 0, lineRate, false, Presentation.AVAILABLE, "UNCLE JO")),
        List.of(new NapSettings(NAP, "nap-local", lineRate, 8, 1, Duration.ofSeconds(30),
            "127.1.0.1", "127.1.0.254", "127.0.0.1",
            new org.connectivitybox.pstnsim.nap.RadiusSettings("127.0.0.1", radius, radius + 1,
                NAP_SECRET, Duration.ofSeconds(3), 2)),
            new NapSettings(CONFIG_NAP, "nap-config", lineRate, 8, 1, Duration.ofSeconds(30),
                "127.2.0.1", "127.2.0.254", "127.0.0.1",
                new org.connectivitybox.pstnsim.nap.RadiusSettings("127.0.0.1", radius,
                    radius + 1, NAP_SECRET, Duration.ofSeconds(3), 2))),
        dir.resolve("logs/calls.jsonl"), -1));
    running.add(sim);
    say("PSTN", "exchange up: CSS line " + CSS_LINE + ", Alice " + A_LINE + ", Uncle Jo " + B_LINE
        + ", local NAP " + NAP + ", configuration NAP " + CONFIG_NAP + " (" + lineRate
        + " bit/s)");
    int operational = freeTcpPort();
    Css css = Css.start(new Css.Settings(dir.resolve("css"),
        new InetSocketAddress("127.0.0.1", operational),
        new InetSocketAddress("127.0.0.1", 0), null, null, null,
        new WakeupSettings(List.of("tcp:127.0.0.1:" + sim.port(CSS_LINE)), null, "generic", 1,
            cadence.on().plus(cadence.off())),
        new SendReceiveManager.Settings(Duration.ofSeconds(90), Duration.ofMinutes(30),
            Duration.ofSeconds(5)))
        .withRadius(new RadiusSettings(new InetSocketAddress("127.0.0.1", radius), radius + 1,
            Map.of(InetAddress.getByName("127.0.0.1"), NAP_SECRET),
            RadiusSettings.DEFAULT_CONFIG_DOMAIN, RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN))
        .withConfiguration(ConfigurationSettings.of(TelephoneNumber.of(NAP),
                ServiceAddress.parse("127.0.0.1:" + operational), Set.of(CSS_LINE), 3)
            .withSilence(Duration.ofSeconds(8))
            .withBoxTimeouts(new OperationalTimeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(150),
                Duration.ofSeconds(10), Duration.ofSeconds(60)))),
        Clock.systemUTC());
    running.add(css);
    say("CSS", "operational https://127.0.0.1:" + css.operationalPort() + ", admin https://"
        + "127.0.0.1:" + css.adminPort() + ", RADIUS udp/" + radius + ", Root CA "
        + dir.resolve("css/ca/ca.crt"));

    step("2. The factory makes two boxes (tools/provision batch, signed by the CSS's Root CA)");
    Path factory = dir.resolve("factory");
    int status = ProvisionCommand.commandLine().execute("batch", "--ca",
        dir.resolve("css/ca").toString(), "--count", "2", "--prefix", "CB1A00", "--out",
        factory.toString());
    if (status != 0) {
      System.err.println("demo: the factory tool failed");
      return 2;
    }
    Path devices = dir.resolve("devices");
    Files.createDirectories(devices);
    Files.move(factory.resolve("CB1A00000001"), devices.resolve("alice"));
    Files.move(factory.resolve("CB1A00000002"), devices.resolve("jo"));
    say("FACT", "boxes CB1A00000001 and CB1A00000002: parameters 190 only (configuration flag"
        + " set); manifest " + factory.resolve("manifest.csv"));

    step("3. The CSS imports the factory manifest; the call centre registers two subscribers"
        + " (Phase I)");
    Admin admin = new Admin(css);
    admin.send("POST", "/admin/v1/manifests?name=manifest.csv", "text/csv",
        Files.readString(factory.resolve("manifest.csv")));
    String cbAlice = admin.register("{\"serialNumber\":\"CB1A00000001\",\"name\":\"Alice"
        + " Smith\",\"postalAddress\":\"1 High Street, Bristol\",\"billing\":{\"plan\":"
        + "\"home\"},\"telephoneNumber\":\"" + A_LINE + "\",\"timeZone\":\"Europe/London\","
        + "\"cbName\":\"alice-home\",\"friendlyName\":\"Alice\",\"addressBook\":[{\"cbName\":"
        + "\"jo-home\",\"friendlyName\":\"Uncle Jo\"}]}");
    String cbJo = admin.register("{\"serialNumber\":\"CB1A00000002\",\"name\":\"Joseph"
        + " Martin\",\"postalAddress\":\"2 Rue Haute, Bruxelles\",\"billing\":{\"plan\":"
        + "\"home\"},\"telephoneNumber\":\"" + B_LINE + "\",\"timeZone\":\"Europe/Brussels\","
        + "\"cbName\":\"jo-home\",\"friendlyName\":\"Uncle Jo\",\"addressBook\":[]}");
    say("CSS", "registered " + cbAlice + " (alice-home, line " + A_LINE + ", address book:"
        + " Uncle Jo) and " + cbJo + " (jo-home, line " + B_LINE + ")");

    step("4. Both boxes are plugged in: they configure themselves (Phase II) and the CSS wakes"
        + " them to prove it (Phase III)");
    Path cbJar = root.resolve("firmware/target/cb.jar");
    BoxProcess alice = BoxProcess.start(cbJar, devices.resolve("alice"), sim.port(A_LINE),
        dir.resolve("logs/box-alice.log"));
    running.add(alice);
    BoxProcess jo = BoxProcess.start(cbJar, devices.resolve("jo"), sim.port(B_LINE),
        dir.resolve("logs/box-jo.log"));
    running.add(jo);
    say("A", "configured and ready; panel " + alice.panel());
    say("B", "configured and ready; panel " + jo.panel());
    Timeline timeline = new Timeline(this::say, sim, alice, jo);
    if (!admin.awaitConfigured(List.of(cbAlice, cbJo), Duration.ofSeconds(timeoutSeconds),
        timeline)) {
      System.err.println("demo: the boxes did not finish Phase III; logs in " + dir.resolve("logs"));
      return 1;
    }
    timeline.untilIdle(Duration.ofSeconds(90));
    say("CSS", "Phase III done: both boxes CONFIGURED; Alice's address book came down at her"
        + " CONNECT");
    if (!serialCertificateRefused(css, devices.resolve("alice"))) {
      System.err.println("demo: the CSS accepted a serial-number certificate on its operational"
          + " URLs");
      return 1;
    }
    say("CSS", "Alice's serial-number certificate no longer opens the operational URLs (refused"
        + " in the TLS handshake); her CB certificate does");

    step("5. On box A: a page in the scanner, \"Uncle Jo\" picked, SEND pressed");
    Files.copy(pageFile, alice.store().getParent().resolve("scanner-inbox.tmp"));
    Files.move(alice.store().getParent().resolve("scanner-inbox.tmp"),
        alice.inbox().resolve(pageFile.getFileName()));
    alice.press("DOWN");
    alice.press("SEND");
    say("A", "SEND pressed with " + pageFile.getFileName());

    step("6. Timeline");
    JsonObject received = timeline.follow(Duration.ofSeconds(timeoutSeconds));
    if (received == null) {
      System.err.println("demo: the page was not printed within " + timeoutSeconds + " s; logs in "
          + dir.resolve("logs"));
      return 1;
    }
    JsonObject sent = timeline.sent(Duration.ofSeconds(30));
    timeline.untilIdle(Duration.ofSeconds(60));

    step("7. Result");
    String sha = received.get("sha256").getAsString();
    String printed = received.get("printed").getAsString();
    long job = received.get("job").getAsLong();
    boolean sameDocument = sent != null && "DELIVERED".equals(sent.get("result").getAsString())
        && sha.equals(sent.get("sha256").getAsString());
    out.println("  page printed at B: " + printed);
    out.println("  document digest at A: " + (sent == null ? "-" : sent.get("sha256")
        .getAsString()));
    out.println("  document digest at B: " + sha + (sameDocument ? "  (the same)" : "  (DIFFERENT)"));
    List<BillingRecord> bills = css.repositories().billing().latest(10);
    for (BillingRecord b : bills) {
      out.println("  billing record: job " + b.jobNumber() + " " + b.sender() + " -> "
          + b.receiver() + ", " + b.bytes() + " bytes, " + b.pages() + " page(s), "
          + b.result());
    }
    List<CallRecord> calls = sim.exchange().callLog().records();
    for (CallRecord c : calls) {
      out.println("  call " + c.id() + ": " + c.from() + " -> " + c.to() + " " + c.outcome()
          + (c.connectedMillis() > 0 ? ", " + c.connectedMillis() + " ms connected" : ""));
    }
    figures(timeline, pageFile, received.get("bytes").getAsLong());
    boolean billed = bills.size() == 1 && bills.get(0).jobNumber() == job
        && "COMPLETED".equals(bills.get(0).result());
    if (!once) {
      out.println();
      out.println("Both boxes are still running. Play with them in a browser:");
      out.println("  Alice:    " + alice.panel());
      out.println("  Uncle Jo: " + jo.panel());
      out.println("(drop an image into " + alice.inbox() + " and press SEND; Ctrl-C stops all)");
      out.flush();
      new CountDownLatch(1).await();
    }
    if (!sameDocument || !billed) {
      System.err.println("demo: " + (sameDocument ? "billing is not one COMPLETED record"
          : "the printed document is not the one sent"));
      return 1;
    }
    out.println("DELIVERED sha256=" + sha + " printed=" + printed + " job=" + job);
    return 0;
  }

  /**
   * The figures of docs/benchmarks.md (issue 5a): SEND to printed, the transfer's share, beside
   * the page's CCITT G4 size and the time the line rate allows for the document.
   */
  private void figures(Timeline t, Path pageFile, long documentBytes) throws IOException {
    if (t.sendStarted == null || t.receiving == null || t.printed == null) {
      return;
    }
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(pageFile.toFile());
    int g4 = org.connectivitybox.protocols.document.PageEncoder.standard().encode(image, 200)
        .size();
    double total = Duration.between(t.sendStarted, t.printed).toMillis() / 1000.0;
    double transfer = Duration.between(t.receiving, t.printed).toMillis() / 1000.0;
    double bound = documentBytes * 8.0 / lineRate;
    out.printf("  SEND to printed: %.1f s, of which the transfer %.1f s for %,d bytes of document"
        + " (the page's CCITT G4 alone: %,d bytes)%n", total, transfer, documentBytes, g4);
    out.printf("  line-rate bound for the document at %,d bit/s: %.2f s; the transfer took %.0f %%"
        + " more%n", lineRate, bound, (transfer / bound - 1) * 100);
  }

  /**
   * After configuration only the CB certificate opens the CSS's operational URLs: a CONNECT with
   * the box's serial-number certificate (its factory identity) must fail in the handshake.
   */
  private static boolean serialCertificateRefused(Css css, Path device) throws Exception {
    var key = org.connectivitybox.protocols.tls.Pem.readPrivateKey(
        Files.readString(device.resolve("device.key")), null, "device.key");
    var chain = org.connectivitybox.protocols.tls.Pem.readCertificates(
        Files.readString(device.resolve("serial.crt")), "serial.crt");
    var tls = org.connectivitybox.protocols.tls.TlsContexts.builder().identity(key, chain)
        .trustAnchor(css.folder().ca().root())
        .acceptPeers(org.connectivitybox.protocols.tls.CertificatePurpose.CSS_SERVER).build();
    try (var client = org.connectivitybox.firmware.http.CssClient.create(
        URI.create("https://127.0.0.1:" + css.operationalPort()), tls, Duration.ofSeconds(10),
        okhttp3.EventListener.NONE)) {
      var outcome = client.connect(new org.connectivitybox.protocols.connection.ConnectRequest(
          org.connectivitybox.protocols.sequence.SequenceNumbers.NONE, 1));
      return outcome instanceof org.connectivitybox.firmware.http.Outcome.Failed;
    }
  }

  private static int freeTcpPort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  private static int freeUdpPair() throws IOException {
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket a = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
        int port = a.getLocalPort();
        try (DatagramSocket b = new DatagramSocket(port + 1, InetAddress.getByName("127.0.0.1"))) {
          return port;
        } catch (IOException taken) {
          // try another
        }
      }
    }
    throw new IOException("no two consecutive free UDP ports on 127.0.0.1");
  }

  private synchronized void stopAll() {
    for (int i = running.size() - 1; i >= 0; i--) {
      try {
        running.get(i).close();
      } catch (Exception e) {
        System.err.println("demo: stopping: " + e.getMessage());
      }
    }
    running.clear();
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var files = Files.walk(p)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  /** The CSS's admin API over HTTPS, trusting the CSS's Root CA, as the call centre uses it. */
  static final class Admin {
    private final HttpClient http;
    private final String base;
    private final String auth;

    Admin(Css css) throws Exception {
      java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("root", css.folder().ca().root());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
          .build();
      base = "https://127.0.0.1:" + css.adminPort();
      auth = "Basic " + Base64.getEncoder().encodeToString(("admin:"
          + css.folder().adminPassword()).getBytes(StandardCharsets.UTF_8));
    }

    /** Phase I: registers a subscriber and returns the CB ID the CSS generated. */
    String register(String json) throws Exception {
      return JsonParser.parseString(send("POST", "/admin/v1/registrations", "application/json",
          json)).getAsJsonObject().get("cbId").getAsString();
    }

    /** Waits until every box's configuration state is CONFIGURED (false at the limit). */
    boolean awaitConfigured(List<String> cbIds, Duration limit, Timeline timeline)
        throws Exception {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        timeline.poll();
        boolean all = true;
        for (String cbId : cbIds) {
          String state = JsonParser.parseString(send("GET", "/admin/v1/subscribers/" + cbId
              + "/configuration", null, null)).getAsJsonObject().get("state").getAsString();
          if (state.equals("FAILED")) {
            return false;
          }
          all &= state.equals("CONFIGURED");
        }
        if (all) {
          return true;
        }
        Thread.sleep(500);
      }
      return false;
    }

    String send(String method, String path, String mediaType, String body) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(20)).header("Authorization", auth);
      if (body != null) {
        b.header("Content-Type", mediaType).method(method,
            HttpRequest.BodyPublishers.ofString(body));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new IOException(method + " " + path + " answered " + r.statusCode() + ": "
            + r.body());
      }
      return r.body();
    }

  }
}
