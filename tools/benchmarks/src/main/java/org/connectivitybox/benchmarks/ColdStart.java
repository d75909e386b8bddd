package org.connectivitybox.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cold-start}: the box firmware's time from process start to ready and its peak RSS,
 * beside a baseline JVM that only reads a box identity, makes the BouncyCastle provider, builds
 * the box's {@code SSLContext} and an OkHttp client ({@link BaselineStartup}). Box and baseline
 * start alternately, with the same JVM flags, each in a fresh JVM; the box runs the firmware's
 * own jar on a simulator line with desktop devices, from a configured store
 * ({@link ColdStartFixture}).
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
    description = {"Firmware cold start to ready and peak RSS (VmHWM), beside a JVM that only"
        + " loads BouncyCastle, builds an SSLContext and an OkHttp client.",
        "Goals (issue 5c): box time <= 1.3 x baseline time; box peak RSS <= 96 MiB.",
        "Prints one row per start, then medians with min-max."})
final class ColdStart implements Callable<Integer> {
  static final double TIME_GOAL = 1.3;
  static final long RSS_GOAL_KIB = 96 * 1024;

  @Option(names = "--runs", defaultValue = "5",
      description = "Measured starts of each JVM, 1 to 50 (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--warmup", defaultValue = "1",
      description = "Unmeasured starts of each first, so that every measured start finds"
          + " the jars in the file cache (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--jvm-flags", defaultValue = "", paramLabel = "FLAGS",
      description = "JVM options for both box and baseline, one string split on spaces,"
          + " e.g. \"-XX:+UseSerialGC -Xss512k\" (default: none).")
  String jvmFlags;

  @Option(names = "--settle", defaultValue = "3", paramLabel = "SECONDS",
      description = "Idle time after ready before the RSS is read (default ${DEFAULT-VALUE}).")
  int settleSeconds;

  @Option(names = "--timeout", defaultValue = "60", paramLabel = "SECONDS",
      description = "A start not ready by then fails the run (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--cb-jar", paramLabel = "JAR",
      description = "The firmware jar (default: firmware/target/cb.jar of this checkout, built"
          + " by the bench launcher).")
  Path cbJar;

  private record Kind(String name, List<Double> millis, List<Long> cpu, List<Long> hwm,
      List<Long> rss) {
    Kind(String name) {
      this(name, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }
  }

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || runs > 50 || warmup < 0 || warmup > 10 || settleSeconds < 0
        || timeoutSeconds < 1) {
      System.err.println("cold-start: --runs 1..50, --warmup 0..10, --settle >= 0,"
          + " --timeout >= 1");
      return 2;
    }
    Path benchJar = codeSource();
    Path jar = cbJar != null ? cbJar : benchJar.getParent().getParent().getParent().getParent()
        .resolve("firmware/target/cb.jar");
    if (!Files.isRegularFile(jar)) {
      System.err.println("cold-start: no firmware jar at " + jar + " (tools/benchmarks/bench"
          + " builds it; or give --cb-jar)");
      return 2;
    }
    List<String> flags = jvmFlags.isBlank() ? List.of()
        : Arrays.asList(jvmFlags.trim().split("\\s+"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Duration limit = Duration.ofSeconds(timeoutSeconds);
    Duration settle = Duration.ofSeconds(settleSeconds);
    Kind box = new Kind("box (firmware cb.jar)");
    Kind base = new Kind("baseline (BC + SSLContext + OkHttp)");
    Map<String, List<Long>> phases = new HashMap<>();

    System.out.printf("cold-start: JDK %s, %d processors, load average %s; JVM flags: %s%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        loadAverage(), flags.isEmpty() ? "(none)" : String.join(" ", flags));
    System.out.printf("%n| run | JVM | ms to ready | CPU ms to ready | VmHWM MiB | VmRSS MiB |%n"
        + "|--:|---|--:|--:|--:|--:|%n");
    try (ColdStartFixture f = ColdStartFixture.create()) {
      List<String> boxCmd = new ArrayList<>(List.of(java));
      boxCmd.addAll(flags);
      boxCmd.addAll(List.of("-jar", jar.toString(), "--store", f.store.toString(),
          "--modem", f.modem(), "--scanner-inbox", f.inbox.toString(),
          "--printer-out", f.printed.toString()));
      List<String> baseCmd = new ArrayList<>(List.of(java));
      baseCmd.addAll(flags);
      baseCmd.addAll(List.of("-cp", benchJar + File.pathSeparator + jar,
          BaselineStartup.class.getName(), f.identity.toString()));
      for (int i = 1 - warmup; i <= runs; i++) {
        String label = i < 1 ? "warm-up" : Integer.toString(i);
        System.err.printf("cold-start: run %s of %d: box, then baseline%n", label, runs);
        StartupProbe.Sample b = StartupProbe.run(boxCmd,
            l -> l.startsWith("cb: ") && l.contains(" ready; panel "), limit, settle,
            f.root.resolve("box-" + label + ".err"));
        StartupProbe.Sample r = StartupProbe.run(baseCmd, "ready"::equals, limit, settle,
            f.root.resolve("baseline-" + label + ".err"));
        if (i < 1) {
          continue;
        }
        row(i, box, b);
        row(i, base, r);
        for (String l : r.stdout()) {
          if (l.startsWith("phases ")) {
            for (String kv : l.substring(7).split(" ")) {
              String[] p = kv.split("=");
              phases.computeIfAbsent(p[0], k -> new ArrayList<>()).add(Long.parseLong(p[1]));
            }
          }
        }
      }
    } catch (IOException e) {
      System.err.println("cold-start: " + e.getMessage());
      return 1;
    }
    summary(box, base, phases);
    return 0;
  }

  private static void row(int run, Kind kind, StartupProbe.Sample s) {
    kind.millis().add(s.readyMillis());
    kind.cpu().add(s.cpuMillis());
    kind.hwm().add(s.memory().vmHwmKib());
    kind.rss().add(s.memory().vmRssKib());
    System.out.printf("| %d | %s | %.0f | %d | %.1f | %.1f |%n", run, kind.name(),
        s.readyMillis(), s.cpuMillis(), mib(s.memory().vmHwmKib()), mib(s.memory().vmRssKib()));
  }

  private void summary(Kind box, Kind base, Map<String, List<Long>> phases) {
    System.out.printf("%n| JVM | starts | ms to ready, median (min–max) | CPU ms to ready,"
        + " median (min–max) | VmHWM MiB, median (min–max) | VmRSS MiB after %d s, median |%n"
        + "|---|--:|--:|--:|--:|--:|%n", settleSeconds);
    for (Kind k : List.of(box, base)) {
      Spread t = Spread.of(k.millis());
      Spread c = Spread.of(k.cpu());
      Spread h = Spread.of(k.hwm());
      Spread r = Spread.of(k.rss());
      System.out.printf("| %s | %d | **%.0f** (%.0f–%.0f) | %.0f (%.0f–%.0f) | **%.1f** (%.1f–%.1f)"
          + " | %.1f |%n", k.name(), t.count(), t.median(), t.min(), t.max(), c.median(),
          c.min(), c.max(), mib(h.median()), mib(h.min()),
          mib(h.max()), mib(r.median()));
    }
    double ratio = Spread.of(box.millis()).median() / Spread.of(base.millis()).median();
    double cpuRatio = Spread.of(box.cpu()).median() / Spread.of(base.cpu()).median();
    Spread hwm = Spread.of(box.hwm());
    System.out.printf("%nbox / baseline time to ready (medians): %.2f× — goal ≤ %.1f×: %s%n",
        ratio, TIME_GOAL, ratio <= TIME_GOAL ? "met" : "NOT met");
    System.out.printf("box / baseline CPU time to ready (medians): %.2f×%n", cpuRatio);
    System.out.printf("box peak RSS (VmHWM) median %.1f MiB, max %.1f MiB — goal ≤ 96 MiB: %s%n",
        mib(hwm.median()), mib(hwm.max()), hwm.max() <= RSS_GOAL_KIB ? "met"
            : hwm.median() <= RSS_GOAL_KIB ? "met by the median, not by every start" : "NOT met");
    StringBuilder p = new StringBuilder("baseline phases, median ms:");
    for (String name : List.of("pem", "provider", "tls", "okhttp")) {
      List<Long> v = phases.get(name);
      if (v != null) {
        p.append(String.format(" %s %.0f", name, Spread.of(v).median()));
      }
    }
    System.out.println(p);
    System.out.println("load average at the end: " + loadAverage());
  }

  /** The 1, 5 and 15 minute load averages: how busy the machine was. */
  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static double mib(double kib) {
    return kib / 1024;
  }

  private static Path codeSource() throws URISyntaxException {
    return Path.of(ColdStart.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
