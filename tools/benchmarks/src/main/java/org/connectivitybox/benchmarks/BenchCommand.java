package org.connectivitybox.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bench}: the entry point of the measurement tools. Each subcommand prints figures on
 * standard output and progress on standard error; none of them is a test.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    version = "bench (Connectivity Box) 0.1.0",
    description = {"Measurements of the Connectivity Box stack that print figures.",
        "Every figure in docs/benchmarks.md names the command that produced it."},
    subcommands = {TlsHandshakeBytes.class, LineRate.class, ColdStart.class,
        TransferThroughputBench.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
  }
}
