package org.connectivitybox.provision;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The factory provisioning tool: makes the CA, and for every box its key pair, serial-number
 * certificate and pre-installed parameters 190.
 *
 * <p>Exit status: 0 done; 1 a verification found problems; 2 bad input or usage (one line on
 * standard error, nothing half-written).
 */
@Command(name = "provision",
    mixinStandardHelpOptions = true,
    versionProvider = ProvisionCommand.Version.class,
    description = {
        "Factory provisioning for Connectivity Boxes: the CA, and per device a key pair, a "
            + "serial-number certificate and the pre-installed parameters 190.",
        "",
        "Typical run:",
        "  provision init-ca --dir ca",
        "  provision batch --ca ca --count 1000 --prefix CB26A- --out devices",
        "  provision verify --ca ca devices/CB26A-000001",
        ""},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:done",
        "1:a verification found problems",
        "2:bad input or usage (one line on standard error; nothing half-written)"},
    subcommands = {
        InitCaCommand.class,
        InitFactoryCaCommand.class,
        DeviceCommand.class,
        BatchCommand.class,
        CsrCommand.class,
        SignCsrCommand.class,
        VerifyCommand.class,
        CommandLine.HelpCommand.class})
public final class ProvisionCommand implements Runnable {
  static final int EXIT_PROBLEMS = 1;
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the tool's error handling (one line per user error). */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new ProvisionCommand());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof ProvisionException) {
        err.println("provision: error: " + e.getMessage());
      } else {
        err.println("provision: internal error: " + e);
        org.tinylog.Logger.error(e, "internal error");
      }
      err.flush();
      return EXIT_USAGE;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("provision: error: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return EXIT_USAGE;
    });
    return cl;
  }

  public static void main(String[] args) {
    useBouncyCastleFirst();
    System.exit(commandLine().execute(args));
  }

  /**
   * Puts BouncyCastle first among the JCA providers. JDK 17's own P-256 code has no fixed-base
   * tables, so key generation and signing cost several times what BouncyCastle's do, and they are
   * most of the work of a batch (see docs/benchmarks.md). Loading the provider costs about 0.4 s
   * once, which a factory tool can afford (the box's firmware does not do this).
   */
  static void useBouncyCastleFirst() {
    if (java.security.Security.getProvider("BC") == null) {
      java.security.Security.insertProviderAt(
          new org.bouncycastle.jce.provider.BouncyCastleProvider(), 1);
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = ProvisionCommand.class.getPackage().getImplementationVersion();
      return new String[] {"provision " + (v == null ? "(development build)" : v)};
    }
  }
}
