package org.connectivitybox.firmware.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.connectivitybox.firmware.app.Box;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.line.NapLine;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.store.StoreCorruption;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.printer.FolderPrinter;
import org.connectivitybox.hal.scanner.InboxScanner;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

/**
 * Phase II, box side, over real parts on loopback (docs/configuration.md):
 *
 * <pre>
 *   box ── dial CONFIG NAP ──▶ simulator NAP ── Access-Request SERIAL@CONFIG_DOMAIN ──▶ CSS RADIUS
 *       ◀── address X ───────                 ── Accounting-Start (X) ─────────────▶ test manager
 *   test manager ── TLS (CSS server cert ⇄ serial-number cert) ── PUT /v1/configuration ──▶ box X:port
 *   box: check, store params191, clear the flag ── 204 ──▶ hang up
 * </pre>
 */
class PhaseTwoTest {
  static final String LINE = "5553001";
  static final CbId JO = CbId.of("cb-jo");

  @Test
  void aBoxFromItsFactoryFolderConfiguresItselfThenOperates() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE))) {
      ConfigStory.FactoryBox fb = story.factoryBox("CB1A00000101", JO, "jo-home", LINE, true);
      BoxStore store = BoxStore.open(fb.store());
      assertTrue(Configurator.needed(store), "a factory box is not configured");

      MemoryDisplay display = new MemoryDisplay(DisplayGeometry.LCD_16X2);
      Box box = startInBackground(story, fb, display).get(60, TimeUnit.SECONDS);
      story.open.add(box);

      assertEquals(1, story.answers.size(), story.answers.toString());
      assertEquals(204, story.answers.get(0).status());
      assertArrayEquals(Parameters191Codec.encode(fb.p191()),
          Parameters191Codec.encode(store.parameters191().orElseThrow()));
      assertFalse(store.parameters190().configurationFlag(), "the flag is cleared");
      assertFalse(Configurator.needed(store));
      assertEquals("jo-home", box.parameters().cbName().value());
      assertEquals(Phase.IDLE, box.coordinator().phase());
      waitFor(Duration.ofSeconds(10), () -> story.sim.exchange().activeCalls().isEmpty(),
          "the box hung up");
      assertEquals(1, callsTo(story, ConfigStory.CONFIG_NAP), "one call to the configuration NAP");
    }
  }

  @Test
  void parametersForAnotherKeyAreRefused400AndNothingIsStored() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE))) {
      story.behaviour = ConfigStory.Behaviour.WRONG_KEY_THEN_PUT;
      ConfigStory.FactoryBox fb = story.factoryBox("CB1A00000102", JO, "jo-home", LINE, true);
      BoxStore store = BoxStore.open(fb.store());
      Recorder rec = new Recorder(null);
      Configurator c = new Configurator(store, story.line(LINE),
          new Configurator.Settings(story.configPort, rec::sleep), rec);

      Configurator.Attempt a = c.attempt(Configurator.Mode.CONFIG_NAP);

      assertInstanceOf(Configurator.Attempt.Configured.class, a, a.toString());
      assertEquals(2, story.answers.size(), story.answers.toString());
      ConfigStory.Answer refused = story.answers.get(0);
      assertEquals(400, refused.status());
      assertTrue(refused.body().contains("\"code\":\"INVALID_PARAMETERS\""), refused.body());
      assertTrue(refused.body().contains("does not certify this box's public key"),
          refused.body());
      assertFalse(refused.storeHeld191(), "nothing stored after the 400");
      assertEquals(204, story.answers.get(1).status());
      assertArrayEquals(Parameters191Codec.encode(fb.p191()),
          Parameters191Codec.encode(store.parameters191().orElseThrow()));
      assertEquals(List.of("CALLING", "SERVING", "RECEIVING", "STORING", "RECEIVING", "STORING"),
          rec.events);
      assertTrue(story.sim.exchange().activeCalls().isEmpty(), "hung up");
    }
  }

  @Test
  void anUnregisteredSerialIsToldOnTheLcdAndRetriedWithBackOff() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE))) {
      ConfigStory.FactoryBox fb = story.factoryBox("CB1A00000103", JO, "jo-home", LINE, false);
      BoxStore store = BoxStore.open(fb.store());
      MemoryDisplay display = new MemoryDisplay(DisplayGeometry.LCD_16X2);
      ConfigScreens lcd = new ConfigScreens(display);
      List<String> shown = new CopyOnWriteArrayList<>();
      Recorder rec = new Recorder(new Configurator.Listener() {
        @Override
        public void step(Configurator.Mode mode, Configurator.Step step) {
          lcd.step(mode, step);
          shown.add(rows(display));
        }

        @Override
        public void failed(Configurator.Mode mode, Configurator.Failure failure, String detail,
            Duration retryIn) {
          lcd.failed(mode, failure, detail, retryIn);
          shown.add(rows(display));
        }
      });
      Configurator c = new Configurator(store, story.line(LINE),
          new Configurator.Settings(story.configPort, rec::sleep), rec);
      CompletableFuture<Parameters191> run = CompletableFuture.supplyAsync(() -> {
        try {
          return c.run(Configurator.Mode.CONFIG_NAP);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });

      waitFor(Duration.ofSeconds(60), () -> rec.pauses.size() >= 3, "three refused logins");
      assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2)),
          rec.pauses.subList(0, 3), "retryInitial doubled up to retryMax");
      assertTrue(shown.contains("Setting up...|1 of 3: calling"), shown.toString());
      assertTrue(shown.contains("Not registered|retry in 1 s"), shown.toString());
      assertTrue(shown.contains("Not registered|retry in 2 s"), shown.toString());
      assertTrue(store.parameters191().isEmpty());
      assertTrue(story.logins.isEmpty(), "no configuration login was accounted");

      story.legitimate(fb.p190()); // the manifest arrives at the CSS
      Parameters191 p = run.get(60, TimeUnit.SECONDS);
      assertEquals("jo-home", p.cbName().value());
      assertFalse(store.parameters190().configurationFlag());
      waitFor(Duration.ofSeconds(10), () -> story.sim.exchange().activeCalls().isEmpty(),
          "hung up");
    }
  }

  @Test
  void theCssGoingDownDuringPhaseTwoIsRetriedAndNothingHalfWrittenIsStored() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE))) {
      story.behaviour = ConfigStory.Behaviour.HALF_BODY;
      ConfigStory.FactoryBox fb = story.factoryBox("CB1A00000104", JO, "jo-home", LINE, true);
      BoxStore store = BoxStore.open(fb.store());
      Recorder rec = new Recorder(null);
      NapLine line = story.line(LINE);
      Configurator c = new Configurator(store, line,
          new Configurator.Settings(story.configPort, rec::sleep), rec);

      // The CSS sends half a body and is gone: no parameters within the download timeout.
      Configurator.Attempt first = c.attempt(Configurator.Mode.CONFIG_NAP);
      assertEquals(new Configurator.Attempt.Failed(Configurator.Failure.NO_DOWNLOAD,
          "no parameters within 3 s"), first);
      assertTrue(store.parameters191().isEmpty(), "nothing half-written");
      assertTrue(store.parameters190().configurationFlag(), "the flag is still set");
      assertFalse(line.onLine(), "hung up");

      // The CSS is gone before it connects at all.
      story.behaviour = ConfigStory.Behaviour.SILENT;
      Configurator.Attempt second = c.attempt(Configurator.Mode.CONFIG_NAP);
      assertInstanceOf(Configurator.Attempt.Failed.class, second);
      assertTrue(store.parameters191().isEmpty());

      // Back again: the next attempt configures the box.
      story.behaviour = ConfigStory.Behaviour.PUT;
      Parameters191 p = c.run(Configurator.Mode.CONFIG_NAP);
      assertArrayEquals(Parameters191Codec.encode(fb.p191()), Parameters191Codec.encode(p));
      assertEquals(3, callsTo(story, ConfigStory.CONFIG_NAP));
      assertTrue(rec.pauses.isEmpty(), "run() succeeded at its first attempt");
    }
  }

  @Test
  void damagedParameters191MakeTheBoxConfigureItselfAgain() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE))) {
      ConfigStory.FactoryBox fb = story.factoryBox("CB1A00000105", JO, "jo-home", LINE, true);
      BoxStore store = BoxStore.open(fb.store());
      store.writeParameters191(fb.p191());
      store.writeParameters190(fb.p190().withConfigurationFlag(false));
      assertFalse(Configurator.needed(store), "configured");
      Path record = fb.store().resolve("params191.rec");
      try (RandomAccessFile f = new RandomAccessFile(record.toFile(), "rw")) {
        long at = f.length() / 2;
        f.seek(at);
        int b = f.read();
        f.seek(at);
        f.write(b ^ 0x5a);
      }
      assertThrows(StoreCorruption.class, store::parameters191);
      assertTrue(Configurator.needed(store), "a damaged params191 means reconfiguration");

      MemoryDisplay display = new MemoryDisplay(DisplayGeometry.LCD_16X2);
      Box box = startInBackground(story, fb, display).get(60, TimeUnit.SECONDS);
      story.open.add(box);
      assertEquals(204, story.answers.get(0).status());
      assertArrayEquals(Parameters191Codec.encode(fb.p191()),
          Parameters191Codec.encode(store.parameters191().orElseThrow()));
    }
  }

  @Test
  void phaseTwoThroughTheLocalNapUsesTheBoxsCurrentLogin() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE))) {
      ConfigStory.FactoryBox fb = story.factoryBox("CB1A00000106", JO, "jo-home", LINE, true);
      BoxStore store = BoxStore.open(fb.store());
      store.writeParameters191(fb.p191());
      store.writeParameters190(fb.p190().withConfigurationFlag(false));
      List<InetSocketAddress> endpoints = new CopyOnWriteArrayList<>();
      Recorder rec = new Recorder(new Configurator.Listener() {
        @Override
        public void serving(Configurator.Mode mode, InetSocketAddress endpoint) {
          endpoints.add(endpoint);
          // The CSS knows the box's local-NAP address from its CONNECT / accounting.
          CompletableFuture.runAsync(() -> {
            try {
              story.put(fb, endpoint, Parameters191Codec.encode(fb.p191()), false);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
        }
      });
      Configurator c = new Configurator(store, story.line(LINE),
          new Configurator.Settings(story.configPort, rec::sleep), rec);

      Configurator.Attempt a = c.attempt(Configurator.Mode.LOCAL_NAP);

      assertInstanceOf(Configurator.Attempt.Configured.class, a, a.toString());
      assertTrue(endpoints.get(0).getAddress().getHostAddress().startsWith("127.1.0."),
          "leased by the local NAP: " + endpoints);
      assertEquals(1, callsTo(story, ConfigStory.LOCAL_NAP));
      assertEquals(0, callsTo(story, ConfigStory.CONFIG_NAP));
      assertTrue(story.logins.isEmpty(), "not a configuration login");
    }
  }

  @Test
  void backOffDoublesFromRetryInitialToRetryMax() {
    var t = new org.connectivitybox.protocols.config.ConfigTimeouts(Duration.ofSeconds(90),
        Duration.ofSeconds(45), Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofMinutes(5));
    assertEquals(List.of(60L, 120L, 240L, 300L, 300L), java.util.stream.IntStream.rangeClosed(1, 5)
        .mapToObj(n -> Configurator.backOff(t, n).toSeconds()).toList());
    assertEquals(java.util.Optional.of(Configurator.Mode.CONFIG_NAP), Configurator.modeFor(4, 5));
    assertEquals(java.util.Optional.of(Configurator.Mode.LOCAL_NAP), Configurator.modeFor(4, 6));
    assertEquals(java.util.Optional.empty(), Configurator.modeFor(4, 4));
    LocalNapFailures failures = new LocalNapFailures();
    for (int i = 1; i < LocalNapFailures.DEFAULT_LIMIT; i++) {
      assertFalse(failures.failed());
    }
    assertTrue(failures.failed(), "the fifth failure in a row asks for the configuration NAP");
    assertEquals(0, failures.inARow());
    assertEquals("2 min", ConfigScreens.human(Duration.ofMinutes(2)));
  }

  private static CompletableFuture<Box> startInBackground(ConfigStory story,
      ConfigStory.FactoryBox fb, MemoryDisplay display) throws Exception {
    Path inbox = Files.createDirectories(fb.store().resolve("scanner"));
    Path printed = Files.createDirectories(fb.store().resolve("printed"));
    Box.Options options = new Box.Options(fb.store(), "tcp:127.0.0.1:" + story.sim.port(LINE),
        ModemProfile.GENERIC, Box.LinkKind.SIMULATOR, null, 3, story.configPort);
    Box.Devices devices = new Box.Devices(display, new DesktopKeypad(),
        new InboxScanner(inbox, 200), new FolderPrinter(printed));
    return CompletableFuture.supplyAsync(() -> {
      try {
        return Box.start(options, devices, List.of());
      } catch (Box.StartFailure e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static long callsTo(ConfigStory story, String nap) {
    return story.sim.exchange().callLog().records().stream()
        .filter(c -> c.from().equals(LINE) && c.to().equals(nap)).count();
  }

  static String rows(MemoryDisplay display) {
    List<String> lines = display.snapshot().lines();
    return lines.get(0).strip() + "|" + lines.get(1).strip();
  }

  /** Records the steps and the pauses asked for (and pauses only 50 ms). */
  static final class Recorder implements Configurator.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Configurator.Listener next;

    Recorder(Configurator.Listener next) {
      this.next = next != null ? next : new Configurator.Listener() {};
    }

    void sleep(Duration pause) throws InterruptedException {
      pauses.add(pause);
      Thread.sleep(50);
    }

    @Override
    public void step(Configurator.Mode mode, Configurator.Step step) {
      events.add(step.name());
      next.step(mode, step);
    }

    @Override
    public void serving(Configurator.Mode mode, InetSocketAddress endpoint) {
      events.add("SERVING");
      next.serving(mode, endpoint);
    }

    @Override
    public void failed(Configurator.Mode mode, Configurator.Failure failure, String detail,
        Duration retryIn) {
      events.add("FAILED " + failure);
      next.failed(mode, failure, detail, retryIn);
    }
  }

  static void waitFor(Duration limit, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("not within " + limit.toSeconds() + " s: " + what);
      }
      Thread.sleep(50);
    }
  }
}
