package org.connectivitybox.css;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code css}: runs the reference CSS until it is stopped (SIGTERM or Ctrl-C).
 *
 * <p>Exit status: 0 after a clean stop; 2 on bad input or when the CSS cannot start — one line
 * on standard error, no stack trace.
 */
@Command(name = "css", mixinStandardHelpOptions = true, version = "css 0.1.0",
    description = "Runs the reference CSS: the operational HTTPS service for boxes (mutual TLS,"
        + " CB certificates only) and the admin HTTPS API. Makes the Root CA, the CSS server"
        + " certificate, the admin password and the embedded database under --data on first"
        + " start.")
public final class CssCommand implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "DIR",
      description = "Data folder (CA, server certificate, admin password, embedded database).")
  Path data;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8443",
      description = "Operational HTTPS address for boxes (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--admin-listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8444",
      description = "Admin HTTPS address (default: ${DEFAULT-VALUE}).")
  String adminListen;

  @Option(names = "--jdbc-url", paramLabel = "URL",
      description = "Use this database (for example PostgreSQL) instead of the embedded H2 file.")
  String jdbcUrl;

  @Option(names = "--db-user", paramLabel = "USER", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "File whose first line is the database password.")
  Path dbPasswordFile;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command as {@code main} does and returns the exit status. */
  static int run(String... args) {
    CommandLine cli = new CommandLine(new CssCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("css: " + e.getMessage());
      return 2;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("css: " + e.getMessage());
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() throws CssException {
    PrintWriter out = spec.commandLine().getOut();
    Css.Settings settings = new Css.Settings(data, address(listen, "--listen"),
        address(adminListen, "--admin-listen"), jdbcUrl, dbUser, password());
    Css css = Css.start(settings, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      css.close();
      stopped.countDown();
    }, "css-stop"));
    if (css.folder().adminPasswordCreated()) {
      out.println("css: admin password (user 'admin'), shown once, kept in "
          + data.resolve("admin").resolve("password") + ": " + css.folder().adminPassword());
    }
    out.println("css: operational https://" + settings.listen().getHostString() + ":"
        + css.operationalPort() + "  admin https://" + settings.adminListen().getHostString()
        + ":" + css.adminPort() + "  root CA " + data.resolve("ca").resolve("ca.crt"));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private String password() throws CssException {
    if (dbPasswordFile == null) {
      return null;
    }
    try {
      String text = Files.readString(dbPasswordFile, StandardCharsets.UTF_8);
      int nl = text.indexOf('\n');
      return (nl < 0 ? text : text.substring(0, nl)).strip();
    } catch (IOException e) {
      throw new CssException(dbPasswordFile + ": cannot read the database password file");
    }
  }

  static InetSocketAddress address(String text, String option) throws CssException {
    int colon = text.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new NumberFormatException();
      }
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      String host = text.substring(0, colon).replace("[", "").replace("]", "");
      return new InetSocketAddress(host, port);
    } catch (NumberFormatException e) {
      throw new CssException(option + " must be HOST:PORT, not '" + text + "'");
    }
  }
}
