package org.connectivitybox.story;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import org.connectivitybox.pstnsim.Simulator;
import org.connectivitybox.pstnsim.exchange.CallRecord;

/**
 * Follows the story as it happens: the two boxes' event logs ({@code events.jsonl}) and the
 * simulator's call log, printed as one timeline.
 */
final class Timeline {
  private final BiConsumer<String, String> say;
  private final Simulator sim;
  private final Box a;
  private final Box b;
  private int calls;
  private JsonObject sent;
  private JsonObject received;
  /** When A began the SEND run, B began receiving, B printed (from the boxes' own clocks). */
  java.time.Instant sendStarted;
  java.time.Instant receiving;
  java.time.Instant printed;

  /** One box's log and how far it has been read. */
  private static final class Box {
    final String name;
    final Path log;
    int lines;
    String lastPhase = "";

    Box(String name, Path log) {
      this.name = name;
      this.log = log;
    }
  }

  Timeline(BiConsumer<String, String> say, Simulator sim, BoxProcess alice, BoxProcess jo) {
    this.say = say;
    this.sim = sim;
    this.a = new Box("A", alice.store().resolve("events.jsonl"));
    this.b = new Box("B", jo.store().resolve("events.jsonl"));
  }

  /** Prints until B has printed a page; returns B's "received" event, or null at the limit. */
  JsonObject follow(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (received == null && System.nanoTime() < deadline) {
      poll();
      Thread.sleep(200);
    }
    poll();
    return received;
  }

  /** A's "sent" event, waiting for it up to {@code limit}. */
  JsonObject sent(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (sent == null && System.nanoTime() < deadline) {
      poll();
      Thread.sleep(200);
    }
    return sent;
  }

  /** Prints until both boxes are back in IDLE (hung up), up to {@code limit}. */
  void untilIdle(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline
        && !(a.lastPhase.equals("IDLE") && b.lastPhase.equals("IDLE")
            && sim.exchange().activeCalls().isEmpty())) {
      poll();
      Thread.sleep(200);
    }
    poll();
  }

  void poll() {
    read(a);
    read(b);
    List<CallRecord> log = sim.exchange().callLog().records();
    for (; calls < log.size(); calls++) {
      CallRecord c = log.get(calls);
      say.accept("PSTN", "call " + c.from() + " -> " + c.to() + ": " + c.outcome()
          + (c.connectedMillis() > 0 ? " (" + c.connectedMillis() / 1000.0 + " s on line, "
              + (c.bytesFromCaller() + c.bytesToCaller()) + " bytes of login)" : ""));
    }
  }

  private void read(Box box) {
    List<String> lines;
    try {
      if (!Files.exists(box.log)) {
        return;
      }
      lines = Files.readAllLines(box.log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return;
    }
    for (; box.lines < lines.size(); box.lines++) {
      String line = lines.get(box.lines);
      if (line.isBlank()) {
        continue;
      }
      JsonObject e = JsonParser.parseString(line).getAsJsonObject();
      switch (e.get("event").getAsString()) {
        case "phase" -> {
          String phase = e.get("phase").getAsString();
          java.time.Instant at = java.time.Instant.parse(e.get("at").getAsString());
          if (box == a && sendStarted == null && phase.equals("CONNECTING")
              && e.get("detail").getAsString().equals("Dialling")) {
            sendStarted = at;
          }
          if (box == b && receiving == null && phase.equals("TRANSFER")) {
            receiving = at;
          }
          String text = phase + ": " + e.get("detail").getAsString();
          say.accept(box.name, text);
          box.lastPhase = phase;
        }
        case "sent" -> {
          sent = e;
          say.accept(box.name, "SEND ended: " + e.get("result").getAsString()
              + (e.has("job") ? " job " + e.get("job").getAsLong() + ", " + e.get("bytes")
                  .getAsLong() + " bytes" : "") + (e.has("reason") ? " " + e.get("reason")
                  .getAsString() : ""));
        }
        case "received" -> {
          received = e;
          printed = java.time.Instant.parse(e.get("at").getAsString());
          say.accept(box.name, "printed job " + e.get("job").getAsLong() + " from "
              + e.get("sender").getAsString() + ": " + e.get("printed").getAsString());
        }
        default -> say.accept(box.name, e.toString());
      }
    }
  }
}
