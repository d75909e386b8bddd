package org.connectivitybox.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.css.Css;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A tiny load-generator run against the real CSS, started in this JVM on loopback with an
 * embedded database: the boxes are registered through the admin API, both phases (bound and
 * linkups) complete every linkup, and the report carries non-zero figures.
 */
class LoadgenRunTest {
  Path data;
  Css css;

  /** Starts the CSS, waking boxes through {@code webhook} if it is not null. */
  void start(URI webhook) throws Exception {
    data = Files.createTempDirectory("loadgen-test-css");
    css = Css.start(new Css.Settings(data, new InetSocketAddress("127.0.0.1", 0),
        new InetSocketAddress("127.0.0.1", 0), null, null, null,
        webhook == null ? WakeupSettings.NONE : WakeupSettings.webhook(webhook),
        SendReceiveManager.Settings.DEFAULTS), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    if (css == null) {
      return;
    }
    css.close();
    try (var files = Files.walk(data)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  record Run(int status, String out, String err) {}

  Run loadgen(String... extra) {
    List<String> args = new ArrayList<>(List.of(
        "--css", "https://127.0.0.1:" + css.operationalPort(),
        "--admin", "https://127.0.0.1:" + css.adminPort(),
        "--css-data", data.toString(),
        "--pairs", "2", "--linkups", "4", "--warmup", "2", "--duration", "60",
        "--timeout", "20"));
    args.addAll(List.of(extra));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LoadgenCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args.toArray(String[]::new));
    return new Run(status, out.toString(), err.toString());
  }

  static double figure(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), "no match for " + regex + " in\n" + text);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void receiversOffLineAreWokenThroughTheWebhookAndEveryLinkupCompletes() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    start(URI.create("http://127.0.0.1:" + port + "/wakeup"));

    Run run = loadgen("--no-bound", "--webhook-listen", "127.0.0.1:" + port);

    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("receivers off line, woken through the webhook"), run.out());
    assertTrue(run.out().contains("linkups completed 4, failed 0, cut off at the deadline 0"),
        run.out());
    // the SEND is held over the wakeup: it outlasts a VERIFY at the median
    assertTrue(figure(run.out(), "\\n  SEND +4 +([0-9.]+) ")
        > figure(run.out(), "\\n  VERIFY +4 +([0-9.]+) "), run.out());
    assertTrue(run.out().contains("bound                       skipped"), run.out());
    assertEquals(6, css.repositories().billing().latest(100).size());
  }

  @Test
  void receiversOnLineEveryLinkupCompletesAndTheReportHasFiguresBesideTheBound()
      throws Exception {
    start(null);

    Run run = loadgen("--receivers-online");

    assertEquals(0, run.status(), run.out() + run.err());
    String[] phases = run.out().split("linkups through the CSS");
    String bound = phases[0];
    String through = phases[1];
    assertTrue(bound.contains("linkups completed 4, failed 0, cut off at the deadline 0"), bound);
    assertTrue(through.contains("linkups completed 4, failed 0, cut off at the deadline 0"),
        through);
    assertTrue(figure(through, "in [0-9.]+ s: ([0-9.]+) linkups/s") > 0, through);
    for (String t : List.of("CONNECT", "SEND", "VERIFY", "METERING", "DISCONNECT")) {
      // each linkup: CONNECT x2, SEND, VERIFY, METERING x2, DISCONNECT x2
      int per = List.of("CONNECT", "METERING", "DISCONNECT").contains(t) ? 2 : 1;
      assertEquals(4 * per, figure(through, "\\n  " + t + " +([0-9]+) "), t);
      assertTrue(figure(through, "\\n  " + t + " +[0-9]+ +([0-9.]+) ") > 0, t);
    }
    double bytes = figure(through, "per box per linkup \\(TLS records, both directions\\): ([0-9]+)");
    // at least a resumed TLS handshake and four small HTTP exchanges; at most a few full ones
    assertTrue(bytes > 500 && bytes < 20_000, "bytes/box/linkup " + bytes);
    assertTrue(figure(run.out(), "bound \\(TLS \\+ HTTP \\+ DB\\) +([0-9.]+)") > 0, run.out());
    assertTrue(run.out().contains("failed linkups                       0"), run.out());
    // 2 warm-up + 4 measured linkups through the CSS, each billed once
    assertEquals(6, css.repositories().billing().latest(100).size());
  }
}
