package org.connectivitybox.pstnsim;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.pstnsim.config.ConfigReader;
import org.connectivitybox.pstnsim.config.SimConfig;
import org.connectivitybox.pstnsim.nap.Nap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code pstn-sim}: runs the telephone-network simulator of a configuration file until it is
 * interrupted (Ctrl-C, SIGTERM), then hangs every call up and stops.
 *
 * <p>Exit status: 0 stopped on request; 2 bad configuration or usage, or a port that cannot be
 * bound (one line on standard error, nothing left running).
 */
@Command(name = "pstn-sim",
    mixinStandardHelpOptions = true,
    versionProvider = PstnSimCommand.Version.class,
    description = {
        "A virtual telephone exchange for Connectivity Box development: numbered lines with "
            + "emulated Hayes modems on TCP ports of 127.0.0.1, ringing with caller ID, line "
            + "rates, and NAPs that log boxes in through RADIUS and lease them addresses.",
        "",
        "  pstn-sim --config tools/pstn-sim/example-config.json",
        "",
        "It prints one line per modem line (number and TCP port) and the control API's URL, "
            + "then runs until interrupted. See tools/pstn-sim/README.md.",
        ""},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:stopped on request",
        "2:bad configuration or usage, or a port that cannot be bound (one line on standard "
            + "error)"})
public final class PstnSimCommand implements Callable<Integer> {
  static final int EXIT_USAGE = 2;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The JSON configuration (see README.md, \"Configuration\").")
  Path config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Released to stop a running simulator (tests; the shutdown hook in production). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Override
  public Integer call() throws PstnSimException, InterruptedException {
    SimConfig cfg = load(config);
    Simulator sim;
    try {
      sim = Simulator.start(cfg);
    } catch (IOException e) {
      throw new PstnSimException(e.getMessage(), e);
    }
    Thread hook = new Thread(stop::countDown, "pstn-sim shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (sim) {
      PrintWriter out = spec.commandLine().getOut();
      for (String number : sim.lineNumbers()) {
        out.println("line " + number + " modem 127.0.0.1:" + sim.port(number));
      }
      for (Nap nap : sim.naps()) {
        out.println("line " + nap.number() + " NAP " + nap.settings().name());
      }
      if (sim.controlPort() >= 0) {
        out.println("control http://127.0.0.1:" + sim.controlPort() + "/");
      }
      out.println("ready");
      out.flush();
      stop.await();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
    return 0;
  }

  /** Reads the configuration, turning every problem into one line for the user. */
  static SimConfig load(Path file) throws PstnSimException {
    try {
      return ConfigReader.read(file);
    } catch (NoSuchFileException e) {
      throw new PstnSimException("config " + file + ": no such file");
    } catch (MalformedMessageException e) {
      throw new PstnSimException("config " + e.getMessage());
    } catch (IOException e) {
      throw new PstnSimException("config " + file + ": cannot read: " + e.getMessage());
    }
  }

  /** Builds the command line with the tool's error handling (one line per user error). */
  public static CommandLine commandLine() {
    return commandLine(new PstnSimCommand());
  }

  static CommandLine commandLine(PstnSimCommand command) {
    CommandLine cl = new CommandLine(command);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof PstnSimException) {
        err.println("pstn-sim: error: " + e.getMessage());
      } else {
        err.println("pstn-sim: internal error: " + e);
        org.tinylog.Logger.error(e, "internal error");
      }
      err.flush();
      return EXIT_USAGE;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("pstn-sim: error: " + e.getMessage());
      err.println("Try 'pstn-sim --help'.");
      err.flush();
      return EXIT_USAGE;
    });
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PstnSimCommand.class.getPackage().getImplementationVersion();
      return new String[] {"pstn-sim " + (v == null ? "(development build)" : v)};
    }
  }
}
