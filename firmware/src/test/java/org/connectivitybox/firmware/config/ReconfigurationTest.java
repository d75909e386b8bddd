package org.connectivitybox.firmware.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.connectivitybox.css.store.ConfigurationState;
import org.connectivitybox.firmware.app.Box;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.hal.display.DisplayGeometry;
import org.connectivitybox.hal.display.MemoryDisplay;
import org.connectivitybox.hal.keypad.DesktopKeypad;
import org.connectivitybox.hal.printer.FolderPrinter;
import org.connectivitybox.hal.scanner.InboxScanner;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.tls.CbId;
import org.junit.jupiter.api.Test;

/**
 * Reconfiguration (docs/configuration.md, "Reconfiguration") over real parts on loopback: the
 * CSS with its RADIUS and its own configuration manager, the PSTN simulator with the
 * configuration NAP and the local NAP, a box from a factory folder that configured itself
 * (Phases II and III). The CSS then bumps the box's configuration sequence number as the admin
 * API does; the box sees it at its next CONNECT.
 */
class ReconfigurationTest {
  static final String LINE = "5553011";

  /** Hears the coordinator's phases. */
  static final class Phases implements Coordinator.Listener {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void phase(Phase phase, String detail) {
      seen.add(phase + ": " + detail);
    }

    long onLine() {
      return seen.stream().filter(s -> s.equals("SEND_VERIFY: Waiting for the sender")).count();
    }
  }

  record Story(ConfigStory story, Box box, CbId cbId, BoxStore store, Phases phases) {}

  /** A box configured by the CSS's own manager: Phase II, Phase III, CONFIGURED. */
  static Story configuredBox(ConfigStory story, String serial) throws Exception {
    ConfigStory.FactoryBox fb = story.registeredBox(serial, "jo-" + serial.toLowerCase(), LINE);
    CbId cbId = story.css.repositories().subscribers().findBySerial(fb.serial()).orElseThrow()
        .cbId();
    Path inbox = Files.createDirectories(fb.store().resolve("scanner"));
    Path printed = Files.createDirectories(fb.store().resolve("printed"));
    Phases phases = new Phases();
    Box box = Box.start(new Box.Options(fb.store(), "tcp:127.0.0.1:" + story.sim.port(LINE),
        ModemProfile.GENERIC, Box.LinkKind.SIMULATOR, null, 3, story.configPort),
        new Box.Devices(new MemoryDisplay(DisplayGeometry.LCD_16X2), new DesktopKeypad(),
            new InboxScanner(inbox, 200), new FolderPrinter(printed)), List.of(phases));
    story.open.add(box);
    awaitState(story, cbId, ConfigurationState.CONFIGURED);
    await("the Phase III run ends", () -> !box.coordinator().busy()
        && box.coordinator().phase() == Phase.IDLE);
    return new Story(story, box, cbId, BoxStore.open(fb.store()), phases);
  }

  static void awaitState(ConfigStory story, CbId cbId, ConfigurationState state)
      throws Exception {
    await("configuration " + state, () -> story.css.repositories().registrations()
        .configuration(cbId).orElseThrow().state() == state);
  }

  static void await(String what, BooleanSupplier condition) throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }

  /** What POST /admin/v1/subscribers/{cbId}/reconfigure does. */
  static long bump(ConfigStory story, CbId cbId, int by) {
    long n = story.css.repositories().subscribers().advanceSequenceNumber(cbId,
        Task.CONFIGURATION.wireName(), by);
    story.css.repositories().registrations().set(cbId, ConfigurationState.RECONFIGURING, null,
        "test");
    return n;
  }

  static long callsTo(ConfigStory story, String nap) {
    return story.sim.exchange().callLog().records().stream()
        .filter(c -> c.from().equals(LINE) && c.to().equals(nap)).count();
  }

  static long configurationNumber(BoxStore store) throws Exception {
    return store.sequenceState().numbers().get(Task.CONFIGURATION).orElse(0L);
  }

  static void wake(Box box) {
    box.coordinator().wakeup(new WakeupVerdict(true, WakeupVerdict.Reason.CALLER_ID, 1,
        Instant.now()));
  }

  /** Wakes the box and waits for a granted CONNECT and the end of the run. */
  static void operates(Story s) throws Exception {
    long before = s.phases().onLine();
    wake(s.box());
    await("a granted CONNECT", () -> s.phases().onLine() > before);
    await("the run ends", () -> !s.box().coordinator().busy());
  }

  @Test
  void bumpedByOneTheBoxReconfiguresThroughTheConfigurationNapAfterItsCall() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE), true)) {
      Story s = configuredBox(story, "CB1A00000301");
      Parameters191 before = s.box().parameters();
      assertEquals(1, callsTo(story, ConfigStory.CONFIG_NAP));
      assertEquals(1, bump(story, s.cbId(), 1));

      wake(s.box());
      await("the box takes the CSS's number", () -> {
        try {
          return configurationNumber(s.store()) == 1;
        } catch (Exception e) {
          return false;
        }
      });
      awaitState(story, s.cbId(), ConfigurationState.CONFIGURED); // Phase III CONNECT
      assertEquals(2, callsTo(story, ConfigStory.CONFIG_NAP), "through the configuration NAP");
      Parameters191 after = s.store().parameters191().orElseThrow();
      assertEquals(after, s.box().parameters(), "the box operates with the new parameters");
      assertNotEquals(before.localNapPassword(), after.localNapPassword());
      assertTrue(s.store().sequenceState().indicators().cssNumber(Task.CONFIGURATION).isEmpty());
      await("idle", () -> !s.box().coordinator().busy());
      operates(s);
      assertEquals(2, callsTo(story, ConfigStory.CONFIG_NAP));
    }
  }

  @Test
  void bumpedByTwoTheBoxIsReconfiguredOverItsLocalNapCall() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE), true)) {
      Story s = configuredBox(story, "CB1A00000302");
      Parameters191 before = s.box().parameters();
      assertEquals(2, bump(story, s.cbId(), 2));

      wake(s.box());
      awaitState(story, s.cbId(), ConfigurationState.CONFIGURED);
      await("the box takes the CSS's number", () -> {
        try {
          return configurationNumber(s.store()) == 2;
        } catch (Exception e) {
          return false;
        }
      });
      await("the run ends", () -> !s.box().coordinator().busy());
      assertEquals(1, callsTo(story, ConfigStory.CONFIG_NAP), "no configuration NAP call");
      Parameters191 after = s.store().parameters191().orElseThrow();
      assertEquals(after, s.box().parameters());
      assertNotEquals(before.localNapPassword(), after.localNapPassword());
      operates(s); // the new NAP login works, and no reconfiguration follows
      assertEquals(2, configurationNumber(s.store()));
      assertEquals(1, callsTo(story, ConfigStory.CONFIG_NAP));
    }
  }

  @Test
  void fiveFailedLocalNapLoginsInARowSendTheBoxToTheConfigurationNap() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(LINE), true)) {
      Story s = configuredBox(story, "CB1A00000303");
      // The CSS forgets the box's NAP password: the local NAP refuses its login.
      story.css.repositories().subscribers().generateNapPassword(s.cbId());
      for (int i = 1; i <= 4; i++) {
        wake(s.box());
        int n = i;
        await("failed run " + n, () -> s.phases().seen.stream()
            .filter(p -> p.startsWith("IDLE: Failed")).count() >= n);
        await("idle", () -> !s.box().coordinator().busy());
      }
      assertEquals(1, callsTo(story, ConfigStory.CONFIG_NAP));
      story.css.repositories().registrations().set(s.cbId(), ConfigurationState.REGISTERED, null,
          null);
      wake(s.box()); // the fifth
      awaitState(story, s.cbId(), ConfigurationState.CONFIGURED);
      assertEquals(2, callsTo(story, ConfigStory.CONFIG_NAP));
      assertEquals(0, configurationNumber(s.store()), "no CSS number to take");
      await("idle", () -> !s.box().coordinator().busy());
      operates(s);
    }
  }
}
