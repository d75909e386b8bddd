package org.connectivitybox.css.wakeup;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.connectivitybox.protocols.pstn.ModemProfile;
import org.connectivitybox.protocols.pstn.SystemModemTime;
import org.connectivitybox.protocols.pstn.WakeupDialler;

/**
 * How the CSS wakes boxes: through modem {@code lines} ({@link ModemWakeups}), through a
 * {@code webhook} ({@link WebhookWakeups}), or not at all ({@link NoWakeups}); never both.
 *
 * @param lines serial line specs ({@code tcp:127.0.0.1:PORT} for a simulator line, or a device)
 * @param webhook the gateway's URL, or null
 * @param modemProfile the name of the lines' {@link ModemProfile}
 * @param rings ring cycles per wakeup call
 * @param cycle one ring cycle of the exchange
 */
public record WakeupSettings(List<String> lines, URI webhook, String modemProfile, int rings,
    Duration cycle) {

  /** No way to wake a box: a SEND to a box that is not connected is refused WAKEUP_FAILED. */
  public static final WakeupSettings NONE =
      new WakeupSettings(List.of(), null, ModemProfile.GENERIC.name(), 2,
          WakeupDialler.DEFAULT_CYCLE);

  /** @throws IllegalArgumentException if both lines and a webhook are given */
  public WakeupSettings {
    lines = List.copyOf(lines);
    Objects.requireNonNull(modemProfile, "modemProfile");
    Objects.requireNonNull(cycle, "cycle");
    if (!lines.isEmpty() && webhook != null) {
      throw new IllegalArgumentException("wake boxes through modem lines or a webhook, not both");
    }
  }

  /** Wakeups over these modem lines, generic profile, {@code rings} cycles of 6 s. */
  public static WakeupSettings lines(List<String> lines, int rings) {
    return new WakeupSettings(lines, null, ModemProfile.GENERIC.name(), rings,
        WakeupDialler.DEFAULT_CYCLE);
  }

  /** Wakeups through a webhook. */
  public static WakeupSettings webhook(URI url) {
    return new WakeupSettings(List.of(), url, ModemProfile.GENERIC.name(), 2,
        WakeupDialler.DEFAULT_CYCLE);
  }

  /**
   * The call-back signalling server these settings describe.
   *
   * @throws IllegalArgumentException for an unknown modem profile, bad ring counts or URL
   */
  public CallbackSignallingServer create() {
    if (webhook != null) {
      return new WebhookWakeups(webhook);
    }
    if (lines.isEmpty()) {
      return new NoWakeups();
    }
    return new ModemWakeups(lines, ModemProfile.named(modemProfile), new SystemModemTime(),
        rings, cycle);
  }
}
