package org.connectivitybox.protocols.pstn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.pstn.CallerIdParser.Field;
import org.tinylog.Logger;

/**
 * Turns the reports of a ringing line into {@link ModemEvent}s: RING, caller-ID blocks
 * (formatted fields or SDMF/MDMF frames) and DRON/DROF cadence pairs.
 *
 * <p>A formatted block is published when NAME (its last field) arrives, when a field repeats
 * (a new block), when any other line arrives, or {@code quiet} after its last field. Frames with a
 * bad checksum are logged and dropped. Thread-safe: lines come from the reader, the quiet timer
 * fires on the timer thread.
 */
final class UnsolicitedReports {
  private static final Pattern CADENCE =
      Pattern.compile("\\s*(DRON|DROF)\\s*=\\s*(\\d{1,5})\\s*", Pattern.CASE_INSENSITIVE);
  private static final Duration CADENCE_UNIT = Duration.ofMillis(100);

  private final ModemTime time;
  private final Duration quiet;
  private final Consumer<ModemEvent> publish;
  private final List<Field> fields = new ArrayList<>();
  private ModemTime.Cancellable quietTimer;
  private Duration ringOn;
  private Duration ringOff;

  UnsolicitedReports(ModemTime time, Duration quiet, Consumer<ModemEvent> publish) {
    this.time = time;
    this.quiet = quiet;
    this.publish = publish;
  }

  /** Takes one line that answered no command; returns whether it was a ringing report. */
  synchronized boolean accept(String line, Optional<ModemResult> result) {
    Optional<Field> field = CallerIdParser.field(line);
    if (field.isPresent()) {
      addField(field.get());
      return true;
    }
    flushFields();
    if (result.isPresent() && result.get().code() == ResultCode.RING) {
      publish.accept(new ModemEvent.Ring(time.now()));
      return true;
    }
    Matcher cadence = CADENCE.matcher(line);
    if (cadence.matches()) {
      Duration d = CADENCE_UNIT.multipliedBy(Long.parseLong(cadence.group(2)));
      if (cadence.group(1).equalsIgnoreCase("DRON")) {
        ringOn = d;
      } else {
        ringOff = d;
      }
      if (ringOn != null && ringOff != null) {
        publish.accept(new ModemEvent.RingCadence(time.now(), ringOn, ringOff));
        ringOn = null;
        ringOff = null;
      }
      return true;
    }
    if (CallerIdParser.isFrame(line)) {
      try {
        publish.accept(CallerIdParser.frame(line).toEvent(time.now()));
      } catch (MalformedCallerIdException e) {
        Logger.warn("dropped an unreadable caller-ID frame: {}", e.getMessage());
      }
      return true;
    }
    return false;
  }

  private void addField(Field f) {
    if (fields.stream().anyMatch(g -> g.key().equals(f.key()) && !f.key().equals("MESG"))) {
      flushFields();
    }
    fields.add(f);
    cancelQuietTimer();
    if (f.key().equals("NAME")) {
      flushFields();
    } else {
      quietTimer = time.schedule(quiet, this::quietElapsed);
    }
  }

  private synchronized void quietElapsed() {
    quietTimer = null;
    flushFields();
  }

  private void flushFields() {
    cancelQuietTimer();
    if (!fields.isEmpty()) {
      CallerIdBlock block = CallerIdParser.fromFields(fields);
      fields.clear();
      publish.accept(block.toEvent(time.now()));
    }
  }

  private void cancelQuietTimer() {
    if (quietTimer != null) {
      quietTimer.cancel();
      quietTimer = null;
    }
  }

  /** Drops a half-read block and cadence, e.g. when the driver closes. */
  synchronized void reset() {
    cancelQuietTimer();
    fields.clear();
    ringOn = null;
    ringOff = null;
  }
}
