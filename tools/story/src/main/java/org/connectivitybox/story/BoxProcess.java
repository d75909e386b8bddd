package org.connectivitybox.story;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One box running as its own process ({@code java -jar firmware/target/cb.jar}) on simulated
 * devices: its panel URL is read from its first line of output, its log goes to a file, keys are
 * pressed through its panel. {@link #close()} stops it with SIGTERM (the box hangs up), then by
 * force after 10 s.
 */
final class BoxProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("^cb: .* ready; panel (\\S+)$");

  private final Process process;
  private final Path device;
  private final URI panel;
  private final HttpClient http = HttpClient.newHttpClient();

  private BoxProcess(Process process, Path device, URI panel) {
    this.process = process;
    this.device = device;
    this.panel = panel;
  }

  static BoxProcess start(Path cbJar, Path device, int linePort, Path log) throws IOException {
    Path inbox = Files.createDirectories(device.resolve("scanner"));
    Path printed = Files.createDirectories(device.resolve("printed"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // The JVM flags firmware/cb uses by default (measured in docs/benchmarks.md, 5c).
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:MaxRAM=512m", "-jar",
        cbJar.toString(), "--store", device.resolve("store").toString(), "--modem",
        "tcp:127.0.0.1:" + linePort, "--scanner-inbox", inbox.toString(), "--printer-out",
        printed.toString()));
    Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
    CompletableFuture<URI> ready = CompletableFuture.supplyAsync(() -> {
      try {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
            StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          Matcher m = READY.matcher(line);
          if (m.matches()) {
            return URI.create(m.group(1));
          }
        }
        return null;
      } catch (IOException e) {
        return null;
      }
    });
    URI panel;
    try {
      panel = ready.get(90, TimeUnit.SECONDS);
    } catch (Exception e) {
      panel = null;
    }
    if (panel == null) {
      p.destroyForcibly();
      throw new IOException("the box in " + device + " did not start; its log: " + log + "\n"
          + tail(log));
    }
    return new BoxProcess(p, device, panel);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  URI panel() {
    return panel;
  }

  Path store() {
    return device.resolve("store");
  }

  Path inbox() {
    return device.resolve("scanner");
  }

  /** Presses a key on the box's panel, as a person clicking it would. */
  void press(String key) throws IOException, InterruptedException {
    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(panel.resolve("/keys/" + key))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 204) {
      throw new IOException("key " + key + " on " + panel + ": HTTP " + r.statusCode());
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
