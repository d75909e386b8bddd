package org.connectivitybox.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a subcommand of this tool in a fresh JVM with given system properties, and returns the
 * lines it printed on standard output. Its standard error (progress) goes to ours.
 *
 * <p>The child gets the same {@code java} and class path as this JVM and nothing else of its
 * options. It is killed if it outlives its time limit.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * @throws IOException if the child cannot start, fails, or runs past {@code limit}
   */
  static List<String> run(Map<String, String> systemProperties, List<String> args, Duration limit)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(BenchCommand.class.getName());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    p.getOutputStream().close(); // the child reads nothing
    List<String> lines = new ArrayList<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (lines) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the child died; its exit code tells
      }
    }, "child-stdout");
    reader.setDaemon(true);
    reader.start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      throw new IOException("the child JVM " + args + " ran past " + limit.toSeconds()
          + " s and was stopped");
    }
    reader.join(5_000);
    if (p.exitValue() != 0) {
      throw new IOException("the child JVM " + args + " exited with " + p.exitValue());
    }
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
