package org.connectivitybox.benchmarks;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinylog.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench tls-bytes}: bytes on the wire of a full and of a resumed mutual-TLS handshake
 * (EC P-256, the product's {@code TlsContexts}), for each session-resumption setting, each in a
 * JVM of its own; plus the server's CPU time per handshake.
 *
 * <p>The parent only starts child JVMs and prints their figures as one table on standard output;
 * progress goes to standard error. Exit code 0 if every setting ran and every resumption
 * attempt resumed, 1 otherwise.
 */
@Command(name = "tls-bytes", mixinStandardHelpOptions = true,
    description = {
        "Measures bytes on the wire (each way) of a full and of a resumed mutual-TLS handshake "
            + "with the product's TLS contexts and EC P-256 certificates, for each "
            + "session-resumption setting, each in a fresh JVM, and prints one Markdown table.",
        "Each connection is handshake + a 1-byte ping/pong, so that TLS 1.3 NewSessionTicket "
            + "messages (sent after the handshake) are read and counted with the handshake "
            + "that issued them. Also measures the server thread's CPU time per handshake.",
        "Settings: tls13-tickets, tls13-cache (product default), tls12-cache, tls12-tickets, "
            + "tls13-cache-lean (extra: trimmed ClientHello)."},
    footer = {"", "Example: bench tls-bytes --setting tls13-cache --setting tls13-tickets"})
public final class TlsHandshakeBytes implements Callable<Integer> {

  @Spec
  private CommandLine.Model.CommandSpec spec;

  @Option(names = "--setting", paramLabel = "ID", split = ",",
      description = "Setting(s) to measure, in this order (default: all).")
  private List<String> settings = new ArrayList<>();

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "100",
      description = "Warm-up iterations per setting, not measured (default: ${DEFAULT-VALUE}).")
  private int warmup;

  @Option(names = "--iterations", paramLabel = "N", defaultValue = "200",
      description = "Measured iterations per setting; each is 1 full and "
          + SettingRun.RESUMPTIONS + " resumed handshakes (default: ${DEFAULT-VALUE}).")
  private int iterations;

  @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "60",
      description = "Time limit per setting; measurement stops early when it is spent, and a "
          + "child JVM still running a minute after it is killed (default: ${DEFAULT-VALUE}).")
  private int budgetSeconds;

  @Option(names = "--in-this-jvm", hidden = true, paramLabel = "ID",
      description = "Internal: measure one setting in this JVM and print its RESULT line.")
  private String inThisJvm;

  @Option(names = "--probe-property-scope", hidden = true,
      description = "Internal: run the ticket-property scope probe here and print its line.")
  private boolean probeScope;

  @Override
  public Integer call() throws Exception {
    SettingRun.Limits limits =
        new SettingRun.Limits(warmup, iterations, Duration.ofSeconds(budgetSeconds));
    if (probeScope) {
      System.out.println(PropertyScopeProbe.run().toLine());
      return 0;
    }
    if (inThisJvm != null) {
      System.out.println(SettingRun.run(ResumptionSetting.byId(inThisJvm), limits).toLine());
      return 0;
    }
    List<ResumptionSetting> chosen = new ArrayList<>();
    for (String id : settings.isEmpty() ? ResumptionSetting.ids() : settings) {
      try {
        chosen.add(ResumptionSetting.byId(id));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    Duration childLimit = limits.budget().plusSeconds(60);
    List<SettingResult> results = new ArrayList<>();
    Map<String, String> failures = new java.util.LinkedHashMap<>();
    boolean ok = true;
    for (ResumptionSetting s : chosen) {
      Logger.info("tls-bytes: {} ({}) in a fresh JVM ...", s.id(), s.description());
      try {
        List<String> lines = ChildJvm.run(s.systemProperties(), List.of("tls-bytes",
            "--in-this-jvm", s.id(), "--warmup", String.valueOf(warmup),
            "--iterations", String.valueOf(iterations), "--budget", String.valueOf(budgetSeconds)),
            childLimit);
        SettingResult r = SettingResult.parse(only(lines, SettingResult.PREFIX));
        ok &= r.allResumed();
        results.add(r);
      } catch (Exception e) {
        Logger.error("tls-bytes: {} failed: {}", s.id(), e.getMessage());
        failures.put(s.id(), e.getMessage());
        ok = false;
      }
    }
    PropertyScopeProbe scope = null;
    try {
      Logger.info("tls-bytes: probing whether the ticket property is read per SSLContext ...");
      scope = PropertyScopeProbe.parse(only(ChildJvm.run(Map.of(),
          List.of("tls-bytes", "--probe-property-scope"), Duration.ofSeconds(120)),
          PropertyScopeProbe.PREFIX));
    } catch (Exception e) {
      Logger.error("tls-bytes: the property probe failed: {}", e.getMessage());
      ok = false;
    }
    List<String> all = spec.commandLine().getParseResult().originalArgs(); // from "bench" on
    List<String> args = all.subList(all.indexOf(spec.name()) + 1, all.size());
    System.out.println("Mutual-TLS handshake bytes, measured "
        + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"))
        + " by `tools/benchmarks/bench tls-bytes"
        + (args.isEmpty() ? "" : " " + String.join(" ", args)) + "`");
    System.out.println();
    ResultTable.print(System.out, results, scope, limits);
    failures.forEach((id, why) ->
        System.out.println("\nNOT MEASURED: `" + id + "`: " + why));
    return ok ? 0 : 1;
  }

  private static String only(List<String> lines, String prefix) {
    List<String> found = lines.stream().filter(l -> l.startsWith(prefix + "\t")).toList();
    if (found.size() != 1) {
      throw new IllegalStateException("expected one " + prefix + " line from the child, got "
          + found.size() + ": " + lines);
    }
    return found.get(0);
  }
}
