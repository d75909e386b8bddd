package org.connectivitybox.loadgen;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.CertificateAuthority;
import org.connectivitybox.protocols.tls.KeyAlgorithm;
import org.connectivitybox.protocols.tls.Pem;
import org.connectivitybox.protocols.tls.PemException;
import org.tinylog.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loadgen}: drives simulated box pairs through whole linkups against a running CSS and
 * prints linkups/s, latencies per transaction type and bytes on the wire per box per linkup,
 * beside the TLS + HTTP + database bound measured in the same run.
 *
 * <p>Figures go to standard output, progress and warnings to standard error. Exit status 0 if
 * no linkup failed, 1 if some did, 2 if the run could not be set up (one-line message).
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, version = "loadgen 0.1.0",
    sortOptions = false,
    description = {
        "Drives simulated connectivity-box pairs through the whole linkup of Figure 10 against a"
            + " RUNNING CSS (tools/css/css) and prints linkups/s, p50/p99 latency per transaction"
            + " type and bytes on the wire per box per linkup, beside the TLS + HTTP + database"
            + " bound measured in the same run.",
        "",
        "Set-up: each simulated box gets a CB certificate from the CSS's Root CA (read from"
            + " --css-data DIR/ca, unencrypted key) and is registered as a subscriber through the"
            + " admin API (password DIR/admin/password); names are lg-RUN-s<i> (senders) and"
            + " lg-RUN-r<i> (receivers) so reruns do not clash. Every box connects from its own"
            + " source address 127.A.B.C, through the firmware's CssClient (OkHttp, mutual TLS).",
        "",
        "One linkup: sender A CONNECTs and SENDs to receiver B, which is OFF LINE; the CSS POSTs"
            + " the wakeup to this tool's webhook (start the CSS with --wakeup-webhook URL, the URL"
            + " printed at start; fix its port with --webhook-listen); the webhook answers 204 and"
            + " B CONNECTs, which releases A's held SEND (its latency includes the wakeup); A hands"
            + " B the job number and its address in-process; B VERIFYs (must be CONFIRMED); A and"
            + " B send their final METERING; both DISCONNECT and hang up. With --receivers-online,"
            + " B CONNECTs before A's SEND instead (no wakeup). Each box dials in afresh for every"
            + " linkup (a new TCP + TLS connection, the TLS session may be resumed) and makes all"
            + " its transactions of that linkup on it. A linkup counts only if every answer was the"
            + " expected one; failures are counted by kind.",
        "",
        "The bound (skip with --no-bound): before the linkups, a minimal Jetty HTTPS server in"
            + " a JVM of its own (as the CSS has its own), with the CSS's TLS settings and a CSS_SERVER certificate of the same"
            + " CA, answers every transaction after one committed database transaction (SELECT"
            + " ... FOR UPDATE of the caller's row, UPDATE) on --bound-jdbc-url (default: an H2"
            + " file in a temporary folder, WRITE_DELAY=0, as the CSS's embedded database). The"
            + " same boxes drive it with the same flow and connection pattern; its linkups/s is"
            + " the bound. Goals (issue 4): linkups/s >= 0.6 x bound; <= 2500 bytes per box per"
            + " linkup.",
        "",
        "Bound and CSS each get --warmup linkups that are not counted; then each phase runs up"
            + " to --linkups linkups, --pairs at a time, within --duration seconds (hard cap:"
            + " linkups in flight at the deadline are cut off and reported as such); with"
            + " --rounds N the bound and CSS phases alternate N times and the summary sums them"
            + " and gives each round's ratio.",
        "",
        "Exit status: 0 no linkup failed; 1 some failed; 2 the run could not be set up.",
        ""})
public final class LoadgenCommand implements Callable<Integer> {
  @Option(names = "--css", required = true, paramLabel = "URL",
      description = "The CSS's operational base URL, e.g. https://127.0.0.1:8443.")
  URI css;

  @Option(names = "--admin", required = true, paramLabel = "URL",
      description = "The CSS's admin base URL, e.g. https://127.0.0.1:8444.")
  URI admin;

  @Option(names = "--css-data", required = true, paramLabel = "DIR",
      description = "The running CSS's data folder (ca/ca.crt, ca/ca.key, admin/password).")
  Path cssData;

  @Option(names = "--pairs", paramLabel = "N", defaultValue = "4",
      description = "Box pairs linking up in parallel (default: ${DEFAULT-VALUE}).")
  int pairs;

  @Option(names = "--linkups", paramLabel = "N", defaultValue = "200",
      description = "Linkups measured per phase, all pairs together (default: ${DEFAULT-VALUE}).")
  long linkups;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60",
      description = "Hard cap on each phase's measured part (default: ${DEFAULT-VALUE}).")
  int durationSeconds;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "-1",
      description = "Linkups per phase before measuring, not counted (default: 2 per pair).")
  long warmup;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Connect/read/write timeout of each transaction; an off-line receiver's"
          + " SEND lasts the whole wakeup (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--receivers-online",
      description = "Receivers CONNECT before the SEND (no wakeup, no webhook).")
  boolean receiversOnline;

  @Option(names = "--webhook-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:0",
      description = "Where the wakeup webhook listens (default: ${DEFAULT-VALUE}, any free port;"
          + " the URL is printed at start).")
  String webhookListen;

  @Option(names = "--rounds", paramLabel = "N", defaultValue = "1",
      description = "Measure bound and CSS alternately N times, each time up to --linkups"
          + " linkups, and sum them: on a shared machine this spreads the others' load over"
          + " both (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--no-bound", description = "Skip the bound phase.")
  boolean noBound;

  @Option(names = "--bound-jdbc-url", paramLabel = "URL",
      description = "The bound's database (default: an H2 file in a temporary folder, removed"
          + " afterwards). Give the CSS's kind of database, e.g. its PostgreSQL.")
  String boundJdbcUrl;

  @Option(names = "--bound-db-user", paramLabel = "USER",
      description = "User of --bound-jdbc-url.")
  String boundDbUser;

  @Option(names = "--bound-db-password-file", paramLabel = "FILE",
      description = "File whose first line is the password of --bound-jdbc-url.")
  Path boundDbPasswordFile;

  @Option(names = "--run-id", paramLabel = "ID",
      description = "1 to 16 of a-z 0-9 naming this run's boxes (default: random).")
  String runId;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command as {@code main} does and returns the exit status. */
  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with the one-line error handling of {@code main}. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new LoadgenCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("loadgen: " + e.getMessage());
      if (!(e instanceof LoadgenException)) {
        e.printStackTrace(line.getErr());
      }
      return 2;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("loadgen: " + e.getMessage());
      return 2;
    });
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    checkInput();
    PrintWriter out = spec.commandLine().getOut();
    SecureRandom random = new SecureRandom();
    CertificateAuthority ca = loadCa();
    String password = read(cssData.resolve("admin").resolve("password")).strip();
    String id = runId != null ? runId : String.format(Locale.ROOT, "%08x", random.nextInt());
    String phonePrefix = String.format(Locale.ROOT, "9%05d", random.nextInt(100_000));
    long warm = warmup >= 0 ? warmup : 2L * pairs;
    Duration duration = Duration.ofSeconds(durationSeconds);
    Duration timeout = Duration.ofSeconds(timeoutSeconds);

    List<Pair> fleet = Fleet.make(id, phonePrefix, pairs, ca);
    AdminClient adminClient = new AdminClient(admin, password, ca.root());
    Logger.info("loadgen: registering {} boxes through {}", 2 * pairs, admin);
    for (Pair p : fleet) {
      try {
        adminClient.register(p.sender());
        adminClient.register(p.receiver());
      } catch (IOException e) {
        throw new LoadgenException("cannot register the boxes: " + e.getMessage(), e);
      }
    }
    LinkupFlow.Mode mode = receiversOnline ? LinkupFlow.Mode.ONLINE : LinkupFlow.Mode.OFFLINE;
    out.printf(Locale.ROOT, "loadgen run %s: %d pairs (%d boxes), receivers %s; %d warm-up,"
            + " then %d round(s) of up to %d linkups within %d s per phase; CSS %s;"
            + " %d processors, Java %s%n",
        id, pairs, 2 * pairs, mode == LinkupFlow.Mode.OFFLINE ? "off line (woken)" : "on line",
        warm, rounds, linkups, durationSeconds, css, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    out.flush();

    ExecutorService receivers = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "woken-receiver");
      t.setDaemon(true);
      return t;
    });
    WakeupWebhook webhook = null;
    BoundProcess bound = null;
    Path boundTemp = null;
    try {
      if (mode == LinkupFlow.Mode.OFFLINE) {
        try {
          webhook = WakeupWebhook.start(address(webhookListen, "--webhook-listen"));
        } catch (IOException e) {
          throw new LoadgenException("cannot start the wakeup webhook on " + webhookListen
              + ": " + e.getMessage(), e);
        }
        out.println("wakeup webhook: " + webhook.url()
            + "  (the CSS must run with --wakeup-webhook " + webhook.url() + ")");
        out.flush();
      }
      String boundName = null;
      if (!noBound) {
        String url = boundJdbcUrl;
        String user = boundDbUser;
        if (url == null) {
          boundTemp = Files.createTempDirectory("loadgen-bound");
          // As the CSS's Database.h2Url: a file database whose commits reach the OS at once.
          url = "jdbc:h2:file:" + boundTemp.toAbsolutePath().resolve("bound")
              + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
          user = "bound";
        }
        bound = startBound(fleet, ca, random, url, user);
        boundName = "bound: TLS + HTTP + one committed DB transaction per request ("
            + (boundTemp == null ? redact(url) : "H2 file, WRITE_DELAY=0") + ")";
      }
      String cssName = "linkups through the CSS " + css + " (receivers "
          + (mode == LinkupFlow.Mode.OFFLINE ? "off line, woken through the webhook)"
              : "on line)");
      URI boundBase = bound == null ? null : URI.create("https://127.0.0.1:" + bound.port());

      long failed = 0;
      if (warm > 0) {
        if (bound != null) {
          failed += warmUp(fleet, LinkupFlow.Mode.BOUND, boundBase, null, warm, duration,
              timeout, receivers);
        }
        failed += warmUp(fleet, mode, css, webhook, warm, duration, timeout, receivers);
      }
      Totals boundTotals = new Totals();
      Totals cssTotals = new Totals();
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        String of = rounds == 1 ? "" : "round " + round + "/" + rounds + ", ";
        PhaseFigures b = null;
        if (bound != null) {
          Phase.Result r = measure(fleet, LinkupFlow.Mode.BOUND, boundBase, null, duration,
              timeout, receivers);
          boundTotals.add(r);
          b = PhaseFigures.of(of + boundName, r.records(), r.elapsed());
          out.print(Report.phase(b));
          out.flush();
        }
        Phase.Result r = measure(fleet, mode, css, webhook, duration, timeout, receivers);
        cssTotals.add(r);
        PhaseFigures c = PhaseFigures.of(of + cssName, r.records(), r.elapsed());
        out.print(Report.phase(c));
        out.flush();
        if (b != null) {
          ratios.add(Report.ratio(c, b));
        }
      }
      PhaseFigures boundAll = bound == null ? null : boundTotals.figures(
          (rounds == 1 ? "" : "all rounds, ") + boundName);
      PhaseFigures cssAll = cssTotals.figures((rounds == 1 ? "" : "all rounds, ") + cssName);
      if (rounds > 1) {
        if (boundAll != null) {
          out.print(Report.phase(boundAll));
        }
        out.print(Report.phase(cssAll));
      }
      if (webhook != null && webhook.unexpected() > 0) {
        out.println("wakeups that no linkup expected: " + webhook.unexpected());
      }
      out.print(Report.summary(cssAll, boundAll, ratios));
      out.flush();
      failed += cssAll.failed() + (boundAll == null ? 0 : boundAll.failed());
      return failed == 0 ? 0 : 1;
    } finally {
      if (webhook != null) {
        webhook.close();
      }
      if (bound != null) {
        bound.close();
      }
      if (boundTemp != null) {
        deleteTree(boundTemp);
      }
      receivers.shutdownNow();
    }
  }

  /** The records and elapsed time of one kind of phase over all rounds. */
  private static final class Totals {
    private final List<LinkupRecord> records = new ArrayList<>();
    private Duration elapsed = Duration.ZERO;

    void add(Phase.Result r) {
      records.addAll(r.records());
      elapsed = elapsed.plus(r.elapsed());
    }

    PhaseFigures figures(String name) {
      return PhaseFigures.of(name, records, elapsed);
    }
  }

  /** Starts the bound's server in its own JVM, with a CSS_SERVER certificate of the CSS's CA. */
  private BoundProcess startBound(List<Pair> fleet, CertificateAuthority ca, SecureRandom random,
      String url, String user) throws LoadgenException {
    KeyPair keys = KeyAlgorithm.EC_P256.generate(random);
    X509Certificate cert = ca.issueCssServerCertificate("loadgen bound",
        List.of("127.0.0.1", "localhost"), keys.getPublic(), Duration.ofDays(1));
    List<CbId> boxes = new ArrayList<>();
    fleet.forEach(p -> {
      boxes.add(p.sender().cbId());
      boxes.add(p.receiver().cbId());
    });
    try {
      return BoundProcess.start(keys.getPrivate(), ca.presentedChain(cert), ca.root(), url, user,
          boundDbPasswordFile == null ? "" : firstLine(boundDbPasswordFile), boxes);
    } catch (IOException e) {
      throw new LoadgenException(e.getMessage(), e);
    }
  }

  private static String redact(String url) {
    int cut = url.indexOf(';');
    int q = url.indexOf('?');
    cut = cut < 0 ? q : (q < 0 ? cut : Math.min(cut, q));
    return cut < 0 ? url : url.substring(0, cut);
  }

  /** Warm-up linkups, not counted; returns how many failed (they count as failures). */
  private long warmUp(List<Pair> fleet, LinkupFlow.Mode mode, URI base, WakeupWebhook webhook,
      long warm, Duration duration, Duration timeout, ExecutorService receivers)
      throws InterruptedException {
    String label = (mode == LinkupFlow.Mode.BOUND ? "bound" : "linkups") + " warm-up";
    Phase warmUp = new Phase(fleet);
    LinkupFlow flow = new LinkupFlow(base, mode, timeout, webhook, receivers, warmUp::isCutOff);
    Logger.info("{}: {} linkups", label, warm);
    Phase.Result r = warmUp.run(flow, warm, duration, label);
    PhaseFigures f = PhaseFigures.of(label, r.records(), r.elapsed());
    if (f.failed() > 0) {
      Logger.warn("{}: {} linkups failed: {}", label, f.failed(), f.failures());
    }
    return f.failed();
  }

  /** The measured linkups of one phase. */
  private Phase.Result measure(List<Pair> fleet, LinkupFlow.Mode mode, URI base,
      WakeupWebhook webhook, Duration duration, Duration timeout, ExecutorService receivers)
      throws InterruptedException {
    String label = mode == LinkupFlow.Mode.BOUND ? "bound" : "linkups";
    Phase phase = new Phase(fleet);
    LinkupFlow flow = new LinkupFlow(base, mode, timeout, webhook, receivers, phase::isCutOff);
    Logger.info("{}: up to {} linkups within {} s", label, linkups, duration.toSeconds());
    return phase.run(flow, linkups, duration, label);
  }

  private void checkInput() throws LoadgenException {
    if (pairs < 1 || pairs > 10_000) {
      throw new LoadgenException("--pairs must be 1..10000, not " + pairs);
    }
    if (rounds < 1 || rounds > 1000) {
      throw new LoadgenException("--rounds must be 1..1000, not " + rounds);
    }
    if (linkups < 1) {
      throw new LoadgenException("--linkups must be at least 1, not " + linkups);
    }
    if (durationSeconds < 1) {
      throw new LoadgenException("--duration must be at least 1 s, not " + durationSeconds);
    }
    if (timeoutSeconds < 1) {
      throw new LoadgenException("--timeout must be at least 1 s, not " + timeoutSeconds);
    }
    for (URI u : List.of(css, admin)) {
      if (!"https".equals(u.getScheme()) || u.getHost() == null) {
        throw new LoadgenException("--css and --admin are https URLs, not '" + u + "'");
      }
    }
    if (runId != null && !runId.matches("[a-z0-9]{1,16}")) {
      throw new LoadgenException("--run-id is 1 to 16 of a-z 0-9, not '" + runId + "'");
    }
  }

  /** The CSS's Root CA, loaded as its DataFolder loads it (the key must not be encrypted). */
  private CertificateAuthority loadCa() throws LoadgenException {
    Path dir = cssData.resolve("ca");
    try {
      return CertificateAuthority.of(
          Pem.readCertificate(read(dir.resolve("ca.crt")), "ca/ca.crt"),
          Pem.readPrivateKey(read(dir.resolve("ca.key")), null, "ca/ca.key"), List.of(),
          Clock.systemUTC(), new SecureRandom());
    } catch (PemException | GeneralSecurityException | RuntimeException e) {
      throw new LoadgenException("cannot load the CSS's Root CA from " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private static String read(Path file) throws LoadgenException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadgenException("cannot read " + file + " (is --css-data the running CSS's"
          + " data folder?)", e);
    }
  }

  private static String firstLine(Path file) throws LoadgenException {
    String text = read(file);
    int nl = text.indexOf('\n');
    return (nl < 0 ? text : text.substring(0, nl)).strip();
  }

  static InetSocketAddress address(String text, String option) throws LoadgenException {
    int colon = text.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException();
      }
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return new InetSocketAddress(text.substring(0, colon).replace("[", "").replace("]", ""),
          port);
    } catch (NumberFormatException e) {
      throw new LoadgenException(option + " must be HOST:PORT, not '" + text + "'");
    }
  }

  private static void deleteTree(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      Logger.warn("cannot remove {}: {}", dir, e.getMessage());
    }
  }
}
