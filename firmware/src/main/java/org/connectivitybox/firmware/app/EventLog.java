package org.connectivitybox.firmware.app;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.connectivitybox.firmware.coordinator.Coordinator;
import org.connectivitybox.firmware.coordinator.Phase;
import org.connectivitybox.firmware.coordinator.SendResult;
import org.connectivitybox.protocols.transfer.ReceivedDocument;
import org.tinylog.Logger;

/**
 * The box's history: one JSON object per line in {@code events.jsonl} of its store folder, for
 * the user (what was sent and received, when) and for the desktop story, which follows it.
 *
 * <pre>
 * {"at":"…","event":"phase","phase":"CONNECTING","detail":"Dialling"}
 * {"at":"…","event":"sent","result":"DELIVERED","job":17,"sha256":"…","bytes":19610,
 *  "pages":1,"resumedFromChunk":0,"bytesThisCall":19610}
 * {"at":"…","event":"sent","result":"FAILED","reason":"BUSY","detail":"…"}
 * {"at":"…","event":"received","job":17,"sha256":"…","bytes":19610,"pages":1,
 *  "sender":"cb-…","printed":"/…/job-000001-job-17.png"}
 * </pre>
 * Each line is written whole and flushed; a failure to write is logged, never thrown.
 */
public final class EventLog implements Coordinator.Listener {
  public static final String FILE = "events.jsonl";

  private final Path file;
  private final Clock clock;

  public EventLog(Path folder, Clock clock) {
    this.file = folder.resolve(FILE);
    this.clock = clock;
  }

  @Override
  public void phase(Phase phase, String detail) {
    JsonObject o = event("phase");
    o.addProperty("phase", phase.name());
    o.addProperty("detail", detail);
    append(o);
  }

  @Override
  public void sendEnded(SendResult result) {
    JsonObject o = event("sent");
    if (result instanceof SendResult.Delivered d) {
      o.addProperty("result", "DELIVERED");
      o.addProperty("job", d.job().value());
      o.addProperty("sha256", d.sha256());
      o.addProperty("bytes", d.counts().totalBytes());
      o.addProperty("pages", d.counts().totalPages());
      o.addProperty("resumedFromChunk", d.counts().resumedFromChunk());
      o.addProperty("bytesThisCall", d.counts().chunkBytesThisConnection());
    } else if (result instanceof SendResult.Refused r) {
      o.addProperty("result", "REFUSED");
      o.addProperty("reason", r.reason());
    } else if (result instanceof SendResult.Failed f) {
      o.addProperty("result", "FAILED");
      o.addProperty("reason", f.shortReason());
      o.addProperty("detail", f.detail());
    }
    append(o);
  }

  @Override
  public void received(ReceivedDocument d, String printed) {
    JsonObject o = event("received");
    o.addProperty("job", d.job().value());
    o.addProperty("sha256", d.sha256());
    o.addProperty("bytes", d.bytes());
    o.addProperty("pages", d.document().pageCount());
    o.addProperty("sender", d.sender().value());
    o.addProperty("printed", printed);
    append(o);
  }

  @Override
  public void printFailed(ReceivedDocument d, String why) {
    JsonObject o = event("print-failed");
    o.addProperty("job", d.job().value());
    o.addProperty("why", why);
    append(o);
  }

  private JsonObject event(String name) {
    JsonObject o = new JsonObject();
    o.addProperty("at", clock.instant().toString());
    o.addProperty("event", name);
    return o;
  }

  private synchronized void append(JsonObject o) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      w.write(o.toString());
      w.write('\n');
    } catch (IOException e) {
      Logger.warn("cannot write the event log {}: {}", file, e.getMessage());
    }
  }
}
