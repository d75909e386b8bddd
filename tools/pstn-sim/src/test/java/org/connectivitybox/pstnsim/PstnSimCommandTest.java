package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: help, one-line errors with exit status 2, and a run that stops on request. */
class PstnSimCommandTest {
  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(PstnSimCommand command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PstnSimCommand.commandLine(command)
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void helpDescribesTheTool() {
    Result r = run(new PstnSimCommand(), "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--config=FILE"), r.out());
  }

  @Test
  void aBadConfigIsOneLineAndExitStatusTwo() throws Exception {
    Path cfg = dir.resolve("bad.json");
    Files.writeString(cfg, "{\"lines\": [{\"number\": \"1001\", \"rateBps\": 1}]}");
    Result r = run(new PstnSimCommand(), "--config", cfg.toString());
    assertEquals(2, r.code());
    assertEquals("pstn-sim: error: config " + cfg
        + ": field 'lines[0].rateBps' is 1, outside 300..56000\n", r.err());
  }

  @Test
  void aMissingConfigIsOneLine() {
    Result r = run(new PstnSimCommand(), "--config", dir.resolve("none.json").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().endsWith("none.json: no such file\n"), r.err());
  }

  @Test
  void aMissingOptionIsAUsageError() {
    Result r = run(new PstnSimCommand());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("pstn-sim: error: Missing required option"), r.err());
  }

  @Test
  void runsUntilStoppedAndPrintsItsLines() throws Exception {
    Path cfg = dir.resolve("ok.json");
    Files.writeString(cfg, "{\"controlPort\": -1, \"lines\": [{\"number\": \"1001\"}]}");
    PstnSimCommand command = new PstnSimCommand();
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() ->
        PstnSimCommand.commandLine(command).setOut(new PrintWriter(out, true))
            .execute("--config", cfg.toString()));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!out.toString().contains("ready") && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(out.toString().matches("(?s)line 1001 modem 127\\.0\\.0\\.1:\\d+\nready\n"),
        out.toString());
    command.stop.countDown();
    assertEquals(0, running.get(10, TimeUnit.SECONDS));
  }
}
