package org.connectivitybox.story;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, as a new user runs it: {@code tools/demo --once} builds what it
 * needs, tells the whole story with the boxes as processes — from the factory's device folders
 * through Phases I–III (after which the serial-number certificate is refused on the operational
 * URLs) to the page printed — and ends with the DELIVERED line.
 */
class DemoIT {
  @TempDir Path dir;

  @Test
  void theDesktopStoryDeliversThePage() throws Exception {
    Path root = Path.of(System.getProperty("cb.root", "../..")).toAbsolutePath().normalize();
    Process p = new ProcessBuilder(root.resolve("tools/demo").toString(), "--once", "--dir",
        dir.resolve("run").toString()).redirectErrorStream(true).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> {
      try {
        p.getInputStream().transferTo(out);
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    });
    reader.start();
    boolean ended = p.waitFor(8, TimeUnit.MINUTES);
    if (!ended) {
      p.destroyForcibly();
    }
    reader.join(10_000);
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(ended, "tools/demo --once did not end in 8 minutes:\n" + text);
    assertEquals(0, p.exitValue(), text);
    List<String> lines = text.lines().toList();
    assertTrue(text.contains("Phase III done: both boxes CONFIGURED"),
        "both boxes configured themselves from their factory folders:\n" + text);
    assertTrue(text.contains("serial-number certificate no longer opens the operational URLs"),
        text);
    String last = lines.get(lines.size() - 1);
    assertTrue(last.matches("DELIVERED sha256=[0-9a-f]{64} printed=\\S+ job=\\d+"), last);
    Path printed = Path.of(last.replaceAll(".* printed=(\\S+) job=.*", "$1"));
    assertTrue(Files.size(printed) > 0, printed.toString());
    assertTrue(printed.startsWith(dir), "printed inside the run folder: " + printed);
  }
}
