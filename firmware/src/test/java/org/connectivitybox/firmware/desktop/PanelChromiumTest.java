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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * and types 7 on a 2×16 and on a 4×20 panel; a Java keypad listener writes "PRESSED OK" / "PRESSED 7" on the LCD, and the page
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
    clickThrough(DisplayGeometry.LCD_16X2, "panel-16x2.png");
  }

  @Test
  void aFourLineDisplayShowsAllItsRowsAndTakesClicksToo() throws Exception {
    clickThrough(DisplayGeometry.LCD_20X4, "panel-20x4.png");
  }

  /**
   * Serves a panel of {@code geometry} whose keypad listener writes "PRESSED key" on row 1, runs
   * the script against it, and checks the glass the browser showed before and after each key.
   */
  private void clickThrough(DisplayGeometry geometry, String screenshot) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM),
        CHROMIUM + " missing: install Debian's browser with  apt-get install -y chromium");
    assumeTrue(runs("node", "--version") && runs("npm", "--version"),
        "node and npm missing: install Node.js 20 or later (apt-get install -y nodejs npm)");
    installScript();

    MemoryDisplay display = new MemoryDisplay(geometry);
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
          WORK.resolve(screenshot).toAbsolutePath().toString()), 120);

      assertEquals(0, result.exitCode, result.output);
      // the glass as the page shows it: every row, each of exactly the display's width, ✓ as ✓
      assertTrue(result.output.contains("LCD " + glass(geometry, "Press a key")), result.output);
      assertTrue(result.output.contains("CLICKED OK " + glass(geometry, "PRESSED OK")),
          result.output);
      assertTrue(result.output.contains("TYPED 7 " + glass(geometry, "PRESSED 7")),
          result.output);
      assertEquals(List.of(Key.OK, Key.DIGIT_7), received);
    }
  }

  /** The script's JSON of the rows: "Uncle Jo ✓", {@code row1}, blank rows, all padded. */
  private static String glass(DisplayGeometry geometry, String row1) {
    List<String> rows = new ArrayList<>();
    rows.add("Uncle Jo \u2713");
    rows.add(row1);
    while (rows.size() < geometry.rows()) {
      rows.add("");
    }
    String cell = "\"%-" + geometry.columns() + "s\"";
    return rows.stream().map(row -> String.format(cell, row))
        .collect(Collectors.joining(",", "[", "]"));
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
