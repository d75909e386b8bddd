package org.connectivitybox.firmware.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.connectivitybox.firmware.config.Configurator;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.coordinator.SendResult;
import org.connectivitybox.firmware.desktop.PanelServer;
import org.connectivitybox.hal.board.GpioMatrixKeypad;
import org.connectivitybox.hal.board.Hd44780Config;
import org.connectivitybox.hal.board.Hd44780Display;
import org.connectivitybox.hal.board.MatrixKeypadConfig;
import org.connectivitybox.hal.board.Pi4jBoard;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.printer.FolderPrinter;
import org.connectivitybox.hal.printer.ipp.IppPrinter;
import org.connectivitybox.hal.printer.ipp.IppPrinterConfig;
import org.connectivitybox.hal.scanner.ColourMode;
import org.connectivitybox.hal.scanner.InboxScanner;
import org.connectivitybox.hal.scanner.sane.SaneScanner;
import org.connectivitybox.hal.scanner.sane.SaneScannerConfig;
import org.connectivitybox.hal.time.Ticker;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.transfer.ReceivedDocument;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code firmware/cb}: runs one connectivity box from its store folder, on the board's devices
 * or on the desktop's simulated ones (LCD and keypad on a local web page, scanner reading an
 * inbox folder, printer writing a folder).
 *
 * <p>Exit status: 0 after a clean stop (SIGTERM, Ctrl-C); 2 on bad input or when the box cannot
 * start — one line on standard error, no stack trace.
 */
@Command(name = "cb", mixinStandardHelpOptions = true, version = "cb 0.1.0",
    description = {"Runs a connectivity box: the coordinator, the UI manager and the devices,"
        + " from the box's store folder (parameters 190 from the factory, parameters 191 from"
        + " configuration, address book, sequence numbers).",
        "",
        "Desktop (--hal desktop, the default): the LCD and keypad are a web page (its URL is"
        + " printed), the scanner takes the oldest image in --scanner-inbox, the printer writes"
        + " files to --printer-out, and the modem is a pstn-sim line (--modem tcp:HOST:PORT).",
        "Board (--hal board): HD44780 LCD on I2C and matrix keypad on GPIO through Pi4J, IPP"
        + " printer (--ipp), SANE scanner (--sane), modem on a serial device, pppd for PPP."})
public final class CbCommand implements Callable<Integer> {
  enum Hal { DESKTOP, BOARD }

  @Option(names = "--store", required = true, paramLabel = "DIR",
      description = "The box's store folder (memory 34).")
  Path store;

  @Option(names = "--hal", defaultValue = "DESKTOP", paramLabel = "desktop|board",
      converter = HalConverter.class,
      description = "Which devices: desktop (simulated) or board (default: desktop).")
  Hal hal;

  @Option(names = "--modem", required = true, paramLabel = "LINE",
      description = "The modem: tcp:HOST:PORT for a pstn-sim line, or a serial device"
          + " such as /dev/ttyUSB0.")
  String modem;

  @Option(names = "--modem-profile", defaultValue = "generic", paramLabel = "NAME",
      description = "The modem's AT profile (default: ${DEFAULT-VALUE}).")
  String modemProfile;

  @Option(names = "--link", paramLabel = "simulator|pppd",
      description = "PPP: the simulator's NAP login (desktop default) or pppd (board default).")
  String link;

  @Option(names = "--panel-listen", defaultValue = "0", paramLabel = "PORT",
      description = "Desktop: port of the panel page on 127.0.0.1 (default: a free one).")
  int panelPort;

  @Option(names = "--lcd", defaultValue = "16x2", paramLabel = "16x2|20x4",
      description = "The LCD's geometry (default: ${DEFAULT-VALUE}).")
  String lcd;

  @Option(names = "--scanner-inbox", paramLabel = "DIR",
      description = "Desktop scanner: folder of pages to send (default: STORE/scanner).")
  Path inbox;

  @Option(names = "--printer-out", paramLabel = "DIR",
      description = "Desktop printer: folder printed pages go to (default: STORE/printed).")
  Path printed;

  @Option(names = "--ipp", paramLabel = "URI", defaultValue = "ipp://localhost:631/ipp/print",
      description = "Board printer (default: ${DEFAULT-VALUE}).")
  URI ipp;

  @Option(names = "--sane", paramLabel = "HOST:PORT/DEVICE", defaultValue = "localhost:6566/",
      description = "Board scanner through saned (default: ${DEFAULT-VALUE}, the first"
          + " device).")
  String sane;

  @Option(names = "--redials", defaultValue = "3", paramLabel = "N",
      description = "Calls again after a dropped line during a transfer (default: 3).")
  int redials;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command as {@code main} does and returns the exit status. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new CbCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("cb: " + e.getMessage());
      return 2;
    });
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("cb: " + e.getMessage());
      return 2;
    });
    return cli.execute(args);
  }

  static final class HalConverter implements CommandLine.ITypeConverter<Hal> {
    @Override
    public Hal convert(String value) {
      return Hal.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Box.LinkKind kind = link == null ? (hal == Hal.DESKTOP ? Box.LinkKind.SIMULATOR
        : Box.LinkKind.PPPD) : Box.LinkKind.valueOf(link.toUpperCase(java.util.Locale.ROOT));
    Box.Options options = new Box.Options(store, modem, ModemProfile.named(modemProfile), kind,
        modem.startsWith("tcp:") ? null : Path.of(modem), redials);
    List<Coordinator.Listener> extra = new ArrayList<>();
    PanelServer panel = null;
    Box.Devices devices;
    if (hal == Hal.DESKTOP) {
      DisplayGeometry geometry = "20x4".equals(lcd) ? DisplayGeometry.LCD_20X4
          : DisplayGeometry.LCD_16X2;
      MemoryDisplay display = new MemoryDisplay(geometry);
      DesktopKeypad keypad = new DesktopKeypad();
      Path in = inbox != null ? inbox : store.resolve("scanner");
      Path prints = printed != null ? printed : store.resolve("printed");
      Files.createDirectories(in);
      Files.createDirectories(prints);
      devices = new Box.Devices(display, keypad, new InboxScanner(in, 200),
          new FolderPrinter(prints));
      panel = PanelServer.builder(display, keypad).port(panelPort).start();
      PanelServer p = panel;
      extra.add(new Coordinator.Listener() {
        @Override
        public void phase(Phase phase, String detail) {
          p.status(phase + ": " + detail);
        }

        @Override
        public void sendEnded(SendResult result) {
          p.status("sent: " + result);
        }

        @Override
        public void received(ReceivedDocument document, String where) {
          p.status("received job " + document.job() + ", printed " + where);
        }
      });
    } else {
      Pi4jBoard board = Pi4jBoard.open();
      int slash = sane.indexOf('/');
      String hostPort = slash < 0 ? sane : sane.substring(0, slash);
      String device = slash < 0 ? "" : sane.substring(slash + 1);
      int colon = hostPort.lastIndexOf(':');
      devices = new Box.Devices(Hd44780Display.open(board, Hd44780Config.defaults()),
          GpioMatrixKeypad.open(board, MatrixKeypadConfig.defaults(), Ticker.system(),
              org.connectivitybox.hal.time.Scheduler.of(
                  java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "keypad-scan");
                    t.setDaemon(true);
                    return t;
                  }))),
          new SaneScanner(new SaneScannerConfig(hostPort.substring(0, colon),
              Integer.parseInt(hostPort.substring(colon + 1)), device, 200, ColourMode.BILEVEL,
              false, Duration.ofMinutes(2))),
          new IppPrinter(IppPrinterConfig.of(ipp)));
    }
    Box.PowerUp up;
    try {
      up = Box.powerUp(options, devices);
    } catch (Box.StartFailure e) {
      if (panel != null) {
        panel.close();
      }
      throw new IOException(e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicReference<Box> running = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stopping =
        new java.util.concurrent.atomic.AtomicBoolean();
    PanelServer finalPanel = panel;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stopping.set(true);
      Box b = running.get();
      if (b != null) {
        b.close();
      } else {
        up.close();
      }
      if (finalPanel != null) {
        finalPanel.close();
      }
      stopped.countDown();
    }, "cb-stop"));
    Box box;
    try {
      if (up.needsConfiguration()) {
        out.println("cb: not configured; configuring through the configuration NAP"
            + (panel == null ? "" : "; panel " + panel.url()));
        out.flush();
      }
      up.configureIfNeeded(Configurator.Settings.DEFAULTS, new Configurator.Listener() {
        @Override
        public void step(Configurator.Mode mode, Configurator.Step step) {
          if (finalPanel != null) {
            finalPanel.status("configuring: step " + step.number() + " of 3, " + step);
          }
        }

        @Override
        public void failed(Configurator.Mode mode, Configurator.Failure failure,
            String detail, Duration retryIn) {
          if (finalPanel != null) {
            finalPanel.status("configuring: " + failure + " (" + detail + "); again in "
                + retryIn.toSeconds() + " s");
          }
        }
      });
      box = up.start(extra);
      running.set(box);
    } catch (Box.StartFailure e) {
      up.close();
      if (stopping.get()) {
        stopped.await();
        return 0; // stopped while configuring
      }
      if (panel != null) {
        panel.close();
      }
      throw new IOException(e.getMessage(), e);
    }
    if (panel != null) {
      panel.status("ready");
    }
    out.println("cb: " + box.parameters().cbName() + " (\"" + box.parameters().friendlyName()
        + "\") ready" + (panel == null ? "" : "; panel " + panel.url()));
    out.flush();
    stopped.await();
    return 0;
  }
}
