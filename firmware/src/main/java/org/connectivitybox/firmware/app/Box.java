package org.connectivitybox.firmware.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.connectivitybox.firmware.config.ConfigScreens;
import org.connectivitybox.firmware.config.Configurator;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.firmware.device.PrintJobs;
import org.connectivitybox.firmware.line.LinkFactory;
import org.connectivitybox.firmware.line.NapLine;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.store.StoreCorruption;
import org.connectivitybox.firmware.ui.UiManager;
import org.connectivitybox.hal.display.TextDisplay;
import org.connectivitybox.hal.keypad.Keypad;
import org.connectivitybox.hal.printer.Printer;
import org.connectivitybox.hal.scanner.Scanner;
import org.connectivitybox.hal.serial.SerialLines;
import org.connectivitybox.hal.time.Ticker;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.ppp.PppdLink;
import org.connectivitybox.protocols.ppp.PppdSettings;
import org.connectivitybox.protocols.ppp.ProcessLauncher;
import org.connectivitybox.protocols.ppp.SimulatorLink;
import org.connectivitybox.protocols.pstn.ModemDriver;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.ModemSettings;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.tinylog.Logger;

/**
 * One connectivity box, assembled: its store, modem line, coordinator, UI manager and devices.
 * {@link #start} brings it up from its store folder, configuring it first if it is not (Phase II,
 * {@link Configurator}); {@link #close()} hangs up and stops all.
 *
 * <pre>
 *   store ─▶ powerUp: modem ─▶ NapLine (no wakeup parameters yet)
 *        ─▶ configureIfNeeded: Configurator over that line (LCD: ConfigScreens)
 *        ─▶ start: Coordinator takes the line (wakeup parameters of p191), UiManager, devices
 * </pre>
 */
public final class Box implements AutoCloseable {

  /** How the box's PPP layer runs: the simulator's NAP login (desktop) or pppd (board). */
  public enum LinkKind { SIMULATOR, PPPD }

  /** The box's user-facing devices (board or desktop). */
  public record Devices(TextDisplay display, Keypad keypad, Scanner scanner, Printer printer) {}

  /**
   * @param store the box's store folder (memory 34)
   * @param modemLine the modem's line: a serial device, or {@code tcp:HOST:PORT} of a simulator
   * @param configPort the configuration port served in Phase II (default {@value
   *     Configurator#DEFAULT_PORT}; tests pick a free one)
   */
  public record Options(Path store, String modemLine, ModemProfile modemProfile, LinkKind link,
      Path pppdDevice, int redials, int configPort) {
    /** With the configuration port of docs/configuration.md. */
    public Options(Path store, String modemLine, ModemProfile modemProfile, LinkKind link,
        Path pppdDevice, int redials) {
      this(store, modemLine, modemProfile, link, pppdDevice, redials,
          Configurator.DEFAULT_PORT);
    }
  }

  private final Coordinator coordinator;
  private final UiManager ui;
  private final Devices devices;
  private final Parameters191 parameters;
  private final List<AutoCloseable> closeables;

  private Box(Coordinator coordinator, UiManager ui, Devices devices, Parameters191 parameters,
      List<AutoCloseable> closeables) {
    this.coordinator = coordinator;
    this.ui = ui;
    this.devices = devices;
    this.parameters = parameters;
    this.closeables = closeables;
  }

  /** Why a box could not start, in one line for the user. */
  public static final class StartFailure extends Exception {
    public StartFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Starts the box: powers up ({@link #powerUp}), configures it if it is not ({@link
   * PowerUp#configureIfNeeded}, blocking until Phase II succeeds), then starts normal operation.
   *
   * @param extra more listeners of the coordinator (the desktop panel's status line)
   * @throws StartFailure if the store is damaged beyond parameters 191, the modem is unusable,
   *     or the thread is interrupted while configuring
   */
  public static Box start(Options options, Devices devices, List<Coordinator.Listener> extra)
      throws StartFailure {
    PowerUp up = powerUp(options, devices);
    try {
      up.configureIfNeeded(new Configurator.Settings(options.configPort(),
          Configurator.Settings.DEFAULTS.sleeper()), new Configurator.Listener() {});
      return up.start(extra);
    } catch (StartFailure | RuntimeException e) {
      up.close();
      throw e;
    }
  }

  /**
   * The first stage of starting: the store opened (parameters 190 readable) and the modem's line
   * up, listening for nothing yet.
   *
   * @throws StartFailure if parameters 190 are missing or damaged, or the modem is unusable
   */
  public static PowerUp powerUp(Options options, Devices devices) throws StartFailure {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(devices, "devices");
    List<AutoCloseable> closeables = new ArrayList<>();
    try {
      BoxStore store = BoxStore.open(options.store());
      store.parameters190();
      SystemModemTime time = new SystemModemTime();
      closeables.add(time);
      ModemDriver modem = ModemDriver.start(SerialLines.open(options.modemLine()),
          options.modemProfile(), time, ModemSettings.DEFAULTS);
      try {
        modem.initialise();
      } catch (IOException | RuntimeException e) {
        modem.close();
        throw new StartFailure("the modem on " + options.modemLine() + " does not answer: "
            + e.getMessage(), e);
      }
      ScheduledExecutorService linkTimers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "link-timers");
        t.setDaemon(true);
        return t;
      });
      closeables.add(linkTimers::shutdownNow);
      LinkFactory links = options.link() == LinkKind.SIMULATOR
          ? call -> new SimulatorLink(call.input(), call.output(), Clock.systemUTC(),
              Scheduler.of(linkTimers), Thread::new)
          : call -> new PppdLink(PppdSettings.defaults(options.pppdDevice()),
              ProcessLauncher.system(), Clock.systemUTC(), Scheduler.of(linkTimers),
              Thread::new);
      // No wakeup parameters until the box is configured: the CBS monitor hears nothing.
      NapLine line = new NapLine(modem, links, null, options.link() == LinkKind.SIMULATOR,
          new NapLine.Listener() {
            @Override
            public void wakeup(WakeupVerdict verdict) {}

            @Override
            public void lineLost(String why) {}
          });
      return new PowerUp(options, devices, store, line, closeables);
    } catch (StoreCorruption e) {
      closeAll(closeables);
      throw new StartFailure("the box's store is damaged: " + e.getMessage(), e);
    } catch (IOException e) {
      closeAll(closeables);
      throw new StartFailure(e.getMessage(), e);
    } catch (StartFailure | RuntimeException e) {
      closeAll(closeables);
      throw e;
    }
  }

  /**
   * A box powered up but not yet operating: it may configure itself (Phase II, through the same
   * line), then {@link #start} assembles the coordinator and the UI manager over that line.
   * {@link #close()} from another thread ends a configuration in progress.
   */
  public static final class PowerUp implements AutoCloseable {
    private final Options options;
    private final Devices devices;
    private final BoxStore store;
    private final NapLine line;
    private final List<AutoCloseable> closeables;
    private volatile Configurator configurator;
    private volatile boolean closed;
    private boolean started;

    private PowerUp(Options options, Devices devices, BoxStore store, NapLine line,
        List<AutoCloseable> closeables) {
      this.options = options;
      this.devices = devices;
      this.store = store;
      this.line = line;
      this.closeables = closeables;
    }

    /** Whether the box must configure itself first ({@link Configurator#needed}). */
    public boolean needsConfiguration() throws StartFailure {
      try {
        return Configurator.needed(store);
      } catch (StoreCorruption e) {
        throw new StartFailure("the box's store is damaged: " + e.getMessage(), e);
      }
    }

    /**
     * Runs Phase II through the configuration NAP if the box is not configured, showing the
     * steps on the LCD; returns at once if it is.
     *
     * @param progress told of the steps besides the LCD
     * @throws StartFailure if stopped ({@link #close()}) or interrupted first
     */
    public void configureIfNeeded(Configurator.Settings settings,
        Configurator.Listener progress) throws StartFailure {
      if (!needsConfiguration()) {
        return;
      }
      Logger.info("the box is not configured: Phase II through the configuration NAP");
      ConfigScreens lcd = new ConfigScreens(devices.display());
      Configurator c = new Configurator(store, line, settings, new Configurator.Listener() {
        @Override
        public void step(Configurator.Mode mode, Configurator.Step step) {
          lcd.step(mode, step);
          progress.step(mode, step);
        }

        @Override
        public void configured(Parameters191 parameters) {
          lcd.configured(parameters);
          progress.configured(parameters);
        }

        @Override
        public void failed(Configurator.Mode mode, Configurator.Failure failure, String detail,
            Duration retryIn) {
          lcd.failed(mode, failure, detail, retryIn);
          progress.failed(mode, failure, detail, retryIn);
        }
      });
      configurator = c;
      try {
        if (closed) {
          throw new InterruptedException("stopped");
        }
        c.run(Configurator.Mode.CONFIG_NAP);
      } catch (InterruptedException e) {
        throw new StartFailure("stopped while configuring", e);
      } catch (StoreCorruption e) {
        throw new StartFailure("the box's store is damaged: " + e.getMessage(), e);
      } finally {
        configurator = null;
      }
    }

    /**
     * Starts normal operation over the powered-up line.
     *
     * @throws StartFailure if the box is not configured or its parameters do not fit
     */
    public Box start(List<Coordinator.Listener> extra) throws StartFailure {
      try {
        Parameters190 p190 = store.parameters190();
        if (p190.configurationFlag()) {
          throw new StartFailure("the box is not configured: its configuration flag is set",
              null);
        }
        Parameters191 p191 = store.parameters191().orElseThrow(() -> new StartFailure(
            "the box is not configured: no parameters 191 in " + options.store(), null));
        if (!p191.certifies(p190.publicKey())) {
          throw new StartFailure("parameters 191: the CB certificate is not for this box's key",
              null);
        }
        TlsContext cssTls = TlsContexts.builder().identity(p190.privateKey(),
            p191.cbCertificate()).trustAnchor(p190.rootCaCertificate())
            .acceptPeers(CertificatePurpose.CSS_SERVER).build();
        TlsContext peerTls = TlsContexts.builder().identity(p190.privateKey(),
            p191.cbCertificate()).trustAnchor(p190.rootCaCertificate())
            .acceptPeers(CertificatePurpose.CB).build();
        Path spool = options.store().resolve("incoming");
        Files.createDirectories(spool);

        UiManager[] ui = new UiManager[1];
        Coordinator[] coordinator = new Coordinator[1];
        UiManager.Sender sender = (to, friendly, document, done) ->
            coordinator[0].send(to, friendly, document).thenAccept(done);
        ui[0] = new UiManager(devices.display(), devices.scanner(), store, sender,
            Ticker.system(), p191.friendlyName());
        List<Coordinator.Listener> listeners = new ArrayList<>();
        listeners.add(ui[0]);
        listeners.add(new EventLog(options.store(), Clock.systemUTC()));
        listeners.addAll(extra);
        coordinator[0] = new Coordinator(new Coordinator.Settings(p191, cssTls, peerTls, spool,
            options.redials(), new Configurator.Settings(options.configPort(),
                Configurator.Settings.DEFAULTS.sleeper())), store, new PrintJobs(devices.printer()),
            listener -> {
              line.listener(listener);
              line.wakeupParameters(p191.wakeup());
              return line;
            },
            new Listeners(listeners));
        started = true;
        devices.keypad().addListener(ui[0]);
        ui[0].start();
        Logger.info("box {} (\"{}\", {}) ready on {}", p191.cbName(), p191.friendlyName(),
            p191.cbId(), options.modemLine());
        return new Box(coordinator[0], ui[0], devices, p191, closeables);
      } catch (StoreCorruption e) {
        throw new StartFailure("the box's store is damaged: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new StartFailure(e.getMessage(), e);
      }
    }

    /**
     * Stops a configuration in progress and, unless {@link #start} made a box of it (which owns
     * the line then), hangs up and releases the modem.
     */
    @Override
    public void close() {
      closed = true;
      Configurator c = configurator;
      if (c != null) {
        c.close();
      }
      if (!started) {
        line.close();
        closeAll(closeables);
      }
    }
  }

  public Coordinator coordinator() {
    return coordinator;
  }

  public UiManager ui() {
    return ui;
  }

  /** The parameters 191 the box operates with (the new ones after a reconfiguration). */
  public Parameters191 parameters() {
    return coordinator.parameters();
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        Logger.warn("stopping: {}", e.getMessage());
      }
    }
  }

  /** Hangs up and stops the coordinator, the line and the devices. */
  @Override
  public void close() {
    coordinator.close();
    devices.keypad().close();
    devices.display().close();
    closeAll(closeables);
  }
}
