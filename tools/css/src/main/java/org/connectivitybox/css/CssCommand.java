package org.connectivitybox.css;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.connectivitybox.css.configuration.ConfigurationSettings;
import org.connectivitybox.css.radius.RadiusSettings;
import org.connectivitybox.css.sendreceive.SendReceiveManager;
import org.connectivitybox.css.wakeup.WakeupSettings;
import org.connectivitybox.protocols.config.ServiceAddress;
import org.connectivitybox.protocols.pstn.TelephoneNumber;
import org.connectivitybox.protocols.pstn.WakeupDialler;
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

  @Option(names = "--wakeup-line", paramLabel = "LINE",
      description = "Wake boxes by calls on this modem line: tcp:HOST:PORT for a pstn-sim line,"
          + " or a serial device with a modem. Repeat for more lines (one call at a time each).")
  List<String> wakeupLines = new ArrayList<>();

  @Option(names = "--wakeup-webhook", paramLabel = "URL",
      description = "Wake boxes through this HTTP gateway instead: POST {\"cbId\",\""
          + "telephoneNumber\",\"jobNumber\"}; a 2xx answer means the call was placed.")
  URI wakeupWebhook;

  @Option(names = "--wakeup-rings", paramLabel = "N", defaultValue = "2",
      description = "Ring cycles of a wakeup call before it is abandoned, 1..10"
          + " (default: ${DEFAULT-VALUE}).")
  int wakeupRings;

  @Option(names = "--modem-profile", paramLabel = "NAME", defaultValue = "generic",
      description = "Modem profile of the wakeup lines (default: ${DEFAULT-VALUE}).")
  String modemProfile;

  @Option(names = "--wakeup-timeout", paramLabel = "DURATION", defaultValue = "90s",
      description = "How long a SEND waits for the woken receiver to CONNECT, e.g. 90s, 2m"
          + " (default: ${DEFAULT-VALUE}).")
  String wakeupTimeout;

  @Option(names = "--job-timeout", paramLabel = "DURATION", defaultValue = "1h",
      description = "How long an ACTIVE job waits for both final METERINGs before it is billed"
          + " with what came (default: ${DEFAULT-VALUE}).")
  String jobTimeout;

  @Option(names = "--radius-listen", paramLabel = "HOST:AUTHPORT",
      description = "Run the RADIUS server: Access-Requests on this UDP address (1812 is the"
          + " usual port; 0 picks a free one), Accounting-Requests on AUTHPORT + 1 unless"
          + " --radius-acct-port. Off unless given.")
  String radiusListen;

  @Option(names = "--radius-acct-port", paramLabel = "PORT",
      description = "UDP port of RADIUS accounting (default: the auth port + 1).")
  Integer radiusAcctPort;

  @Option(names = "--radius-client", paramLabel = "IP=SECRETFILE",
      description = "A NAS the RADIUS server answers: its IP address and a file whose first line"
          + " is their shared secret. Repeat for more NASes; packets from others are ignored.")
  List<String> radiusClients = new ArrayList<>();

  @Option(names = "--config-domain", paramLabel = "DOMAIN",
      defaultValue = RadiusSettings.DEFAULT_CONFIG_DOMAIN,
      description = "Realm of configuration logins SERIAL@DOMAIN (default: ${DEFAULT-VALUE}).")
  String configDomain;

  @Option(names = "--subscriber-domain", paramLabel = "DOMAIN",
      defaultValue = RadiusSettings.DEFAULT_SUBSCRIBER_DOMAIN,
      description = "Realm of subscribers' NAP logins CBID@DOMAIN (default: ${DEFAULT-VALUE}).")
  String subscriberDomain;

  @Option(names = "--local-nap", paramLabel = "NUMBER",
      description = "Run the configuration manager (Phases II and III): the local NAP's telephone"
          + " number configured boxes dial. Off unless given.")
  String localNap;

  @Option(names = "--public-address", paramLabel = "HOST:PORT",
      description = "The operational address boxes are told in their parameters 191 (default:"
          + " the --listen host and port).")
  String publicAddress;

  @Option(names = "--wakeup-caller-id", paramLabel = "NUMBER",
      description = "The calling number of a wakeup line, told to boxes so that they recognise"
          + " the CSS's calls. Repeat for each line.")
  List<String> wakeupCallerIds = new ArrayList<>();

  @Option(names = "--phase3-timeout", paramLabel = "DURATION", defaultValue = "5m",
      description = "How long a box has, after its parameters 191 were downloaded, to CONNECT"
          + " before its configuration is recorded CALLBACK_TIMED_OUT (default: ${DEFAULT-VALUE}).")
  String phase3Timeout;

  @Option(names = "--config-listen", paramLabel = "HOST:PORT",
      description = "Serve Phase II to boxes in mode BOX_CONNECTS_TO_CSS (GET /v1/configuration,"
          + " POST /v1/configuration/installed) on a connector of its own that accepts"
          + " serial-number certificates only; the boxes' parameters 190 name this address."
          + " Needs --local-nap. Off unless given.")
  String configListen;

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
    WakeupSettings wakeups;
    SendReceiveManager.Settings sendReceive;
    try {
      wakeups = new WakeupSettings(wakeupLines, wakeupWebhook, modemProfile, wakeupRings,
          WakeupDialler.DEFAULT_CYCLE);
      sendReceive = new SendReceiveManager.Settings(duration(wakeupTimeout, "--wakeup-timeout"),
          duration(jobTimeout, "--job-timeout"),
          SendReceiveManager.Settings.DEFAULTS.sweepInterval());
    } catch (IllegalArgumentException e) {
      throw new CssException(e.getMessage(), e);
    }
    Css.Settings settings = new Css.Settings(data, address(listen, "--listen"),
        address(adminListen, "--admin-listen"), jdbcUrl, dbUser, password(), wakeups,
        sendReceive, radius(), configuration());
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
    if (css.configurationPort() >= 0) {
      out.println("css: configuration (box connects) https://"
          + settings.configuration().configListen().getHostString() + ":"
          + css.configurationPort());
    }
    css.radius().ifPresent(r -> out.println("css: radius " + settings.radius().authListen()
        .getAddress().getHostAddress() + " auth " + r.authPort() + " acct " + r.acctPort()));
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private ConfigurationSettings configuration() throws CssException {
    try {
      if (localNap == null) {
        if (publicAddress != null || !wakeupCallerIds.isEmpty()) {
          throw new IllegalArgumentException(
              "--public-address and --wakeup-caller-id need --local-nap");
        }
        if (configListen != null) {
          throw new IllegalArgumentException("--config-listen needs --local-nap");
        }
        return ConfigurationSettings.OFF;
      }
      return new ConfigurationSettings(TelephoneNumber.of(localNap),
          publicAddress == null ? null : ServiceAddress.parse(publicAddress),
          new java.util.LinkedHashSet<>(wakeupCallerIds), wakeupRings,
          ConfigurationSettings.DEFAULT_SILENCE, ConfigurationSettings.DEFAULT_PHASE2_PORT,
          duration(phase3Timeout, "--phase3-timeout"),
          ConfigurationSettings.DEFAULT_CONNECT_WINDOW,
          org.connectivitybox.protocols.config.OperationalTimeouts.DEFAULTS,
          configListen == null ? null : address(configListen, "--config-listen"));
    } catch (IllegalArgumentException e) {
      throw new CssException(e.getMessage(), e);
    }
  }

  private RadiusSettings radius() throws CssException {
    try {
      if (radiusListen == null) {
        if (!radiusClients.isEmpty() || radiusAcctPort != null) {
          throw new IllegalArgumentException(
              "--radius-client and --radius-acct-port need --radius-listen");
        }
        return new RadiusSettings(null, -1, java.util.Map.of(), configDomain, subscriberDomain);
      }
      return new RadiusSettings(address(radiusListen, "--radius-listen"),
          radiusAcctPort == null ? -1 : radiusAcctPort, RadiusSettings.clients(radiusClients),
          configDomain, subscriberDomain);
    } catch (IllegalArgumentException e) {
      throw new CssException(e.getMessage(), e);
    }
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

  /**
   * A duration written as a number and a unit: {@code ms}, {@code s}, {@code m} or {@code h}.
   *
   * @throws IllegalArgumentException naming the option for anything else or a non-positive one
   */
  static Duration duration(String text, String option) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,9})(ms|s|m|h)")
        .matcher(text.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(option + " must be a positive number with a unit ms, s,"
          + " m or h (for example 90s), not '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
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
