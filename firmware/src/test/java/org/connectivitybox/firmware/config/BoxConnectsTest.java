package org.connectivitybox.firmware.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.connectivitybox.css.store.ConfigurationState;
import org.connectivitybox.protocols.config.ConfigurationMode;
import org.connectivitybox.protocols.config.Parameters191;
import org.junit.jupiter.api.Test;

/**
 * Phase II with the box as HTTPS client (mode BOX_CONNECTS_TO_CSS; docs/configuration.md, "Phase
 * II, box connects to the CSS") over real parts on loopback: the CSS with its RADIUS, its own
 * configuration manager and its configuration connector, the PSTN simulator's configuration and
 * local NAPs, a box from a factory folder whose parameters 190 name that connector.
 *
 * <pre>
 *   box ── dial CONFIG NAP, SERIAL@CONFIG_DOMAIN ──▶ NAP ── RADIUS auth + Accounting-Start (X) ──▶ CSS
 *   box (from X) ── TLS serial cert ⇄ CSS cert ── GET /v1/configuration ──▶ CSS configuration connector
 *       ◀── 200 parameters 191 ── store, clear flag ── POST /v1/configuration/installed ── 204
 *   CSS: DOWNLOADED ── wake ──▶ box ── local NAP, CONNECT with its CB certificate ──▶ CONFIGURED
 * </pre>
 *
 * <p>Nothing listens on the box's configuration port in this mode, so the manager's PUT (which
 * the same Accounting-Start starts) cannot be what configures it.
 */
class BoxConnectsTest {

  @Test
  void aBoxThatConnectsToTheCssConfiguresItselfThroughTheConfigurationNapThenOperates()
      throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(ReconfigurationTest.LINE), true)) {
      story.mode = ConfigurationMode.BOX_CONNECTS_TO_CSS;
      assertTrue(story.css.configurationPort() > 0, "the configuration connector is on");

      ReconfigurationTest.Story s = ReconfigurationTest.configuredBox(story, "CB1A00000401");

      assertEquals(ConfigurationMode.BOX_CONNECTS_TO_CSS,
          s.store().parameters190().configurationMode());
      assertFalse(s.store().parameters190().configurationFlag(), "the flag is cleared");
      Parameters191 p = s.store().parameters191().orElseThrow();
      assertTrue(p.certifies(s.store().parameters190().publicKey()));
      assertEquals(p, s.box().parameters());
      assertEquals(1, ReconfigurationTest.callsTo(story, ConfigStory.CONFIG_NAP));
      assertEquals(null, story.css.repositories().registrations().configuration(s.cbId())
          .orElseThrow().error(), "no Phase II error recorded (no BOX_UNREACHABLE)");
      ReconfigurationTest.operates(s); // a woken box CONNECTs with its CB certificate
    }
  }

  @Test
  void bumpedByOneABoxThatConnectsToTheCssFetchesNewParameters() throws Exception {
    try (ConfigStory story = new ConfigStory(List.of(ReconfigurationTest.LINE), true)) {
      story.mode = ConfigurationMode.BOX_CONNECTS_TO_CSS;
      ReconfigurationTest.Story s = ReconfigurationTest.configuredBox(story, "CB1A00000402");
      Parameters191 before = s.box().parameters();
      assertEquals(1, ReconfigurationTest.bump(story, s.cbId(), 1));

      ReconfigurationTest.wake(s.box());
      ReconfigurationTest.await("the box takes the CSS's number", () -> {
        try {
          return ReconfigurationTest.configurationNumber(s.store()) == 1;
        } catch (Exception e) {
          return false;
        }
      });
      ReconfigurationTest.awaitState(story, s.cbId(), ConfigurationState.CONFIGURED);
      assertEquals(2, ReconfigurationTest.callsTo(story, ConfigStory.CONFIG_NAP));
      Parameters191 after = s.store().parameters191().orElseThrow();
      assertNotEquals(before.localNapPassword(), after.localNapPassword());
      ReconfigurationTest.await("idle", () -> !s.box().coordinator().busy());
      ReconfigurationTest.operates(s);
    }
  }
}
