package org.connectivitybox.firmware.desktop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.keypad.KeypadListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The panel page in a real browser: Debian's headless Chromium, driven by Playwright's
 * {@code playwright-core} from a node script ({@code src/test/panel/panel-click.js}), clicks OK
 * and types 7; a Java keypad listener writes "PRESSED OK" / "PRESSED 7" on the LCD, and the page
 * must show it through its event stream.
 *
 * <p>Needs {@code /usr/bin/chromium} (or {@code $CHROMIUM}), {@code node} and {@code npm}
 * ({@code .ci/run} installs them); skipped with the install command when one is missing. The
 * script's packages come from its {@code package-lock.json} by {@code npm ci} into {@code
 * target/panel-test} once.
 */
@Tag("chromium")
class PanelChromiumTest {

  private static final Path SOURCES = Path.of("src/test/panel");
  private static final Path WORK = Path.of("target/panel-test");
  private static final Path CHROMIUM =
      Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

  @Test
  void clickingAKeyOnThePageChangesTheLcd() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM),
        CHROMIUM + " missing: install Debian's browser with  apt-get install -y chromium");
    assumeTrue(runs("node", "--version") && runs("npm", "--version"),
        "node and npm missing: install Node.js 20 or later (apt-get install -y nodejs npm)");
    installScript();

    MemoryDisplay display = new MemoryDisplay(DisplayGeometry.LCD_16X2);
    DesktopKeypad keypad = new DesktopKeypad();
    List<Key> received = new CopyOnWriteArrayList<>();
    display.writeLine(0, "Uncle Jo \u2713");
    display.writeLine(1, "Press a key");
    try (PanelServer panel = PanelServer.builder(display, keypad).title("Uncle Jo").start()) {
      keypad.addListener(new KeypadListener() {
        @Override
        public void keyPressed(Key key) {
          received.add(key);
          display.writeLine(1, "PRESSED " + PanelKeys.name(key));
          panel.status("Last key: " + PanelKeys.name(key));
        }
      });

      Result result = run(List.of("node", "panel-click.js", panel.url().toString(),
          WORK.resolve("panel.png").toAbsolutePath().toString()), 120);

      assertEquals(0, result.exitCode, result.output);
      // the glass as the page shows it: 2 rows of exactly 16 cells, ✓ as itself
      assertTrue(result.output.contains("LCD " + glass("Uncle Jo \u2713", "Press a key")),
          result.output);
      assertTrue(result.output.contains("CLICKED OK " + glass("Uncle Jo \u2713", "PRESSED OK")),
          result.output);
      assertTrue(result.output.contains("TYPED 7 " + glass("Uncle Jo \u2713", "PRESSED 7")),
          result.output);
      assertEquals(List.of(Key.OK, Key.DIGIT_7), received);
    }
  }

  /** The script's JSON of the LCD's rows, each padded to 16 cells. */
  private static String glass(String row0, String row1) {
    return String.format("[\"%-16s\",\"%-16s\"]", row0, row1);
  }

  /** Copies the script beside its packages and runs {@code npm ci} when the lock changed. */
  private static void installScript() throws IOException, InterruptedException {
    Files.createDirectories(WORK);
    for (String name : List.of("package.json", "package-lock.json", "panel-click.js")) {
      Files.copy(SOURCES.resolve(name), WORK.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    Path stamp = WORK.resolve("node_modules/.installed-from-lock");
    byte[] lock = Files.readAllBytes(SOURCES.resolve("package-lock.json"));
    if (Files.exists(stamp) && java.util.Arrays.equals(Files.readAllBytes(stamp), lock)
        && Files.isDirectory(WORK.resolve("node_modules/playwright-core"))) {
      return;
    }
    Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
    assertEquals(0, npm.exitCode, "npm ci failed:\n" + npm.output);
    Files.write(stamp, lock);
  }

  private static boolean runs(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} in {@link #WORK}; whatever it leaves running (the browser) is stopped
   * by PID afterwards, and all of it on a timeout.
   */
  private static Result run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    File log = WORK.resolve(command.get(0) + ".log").toFile();
    Process process = new ProcessBuilder(command).directory(WORK.toFile())
        .redirectErrorStream(true).redirectOutput(log).start();
    List<ProcessHandle> seen = new CopyOnWriteArrayList<>();
    boolean finished = false;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
      while (!(finished = process.waitFor(200, TimeUnit.MILLISECONDS))
          && System.nanoTime() < deadline) {
        process.descendants().filter(h -> !seen.contains(h)).forEach(seen::add);
      }
    } finally {
      process.descendants().filter(h -> !seen.contains(h)).forEach(seen::add);
      if (!finished) {
        process.destroyForcibly();
      }
      for (ProcessHandle child : seen) {
        child.destroy();
      }
      for (ProcessHandle child : seen) {
        child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
        child.destroyForcibly();
      }
    }
    String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    if (!finished) {
      return new Result(-1, "timed out after " + timeoutSeconds + " s:\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
