package org.connectivitybox.pstnsim.exchange;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * Every call attempt the exchange handled, in memory and, if a file is configured, appended to it
 * as one JSON object per line. Thread-safe.
 *
 * <p>A failed write to the file is logged as a warning once per failure and does not stop the
 * exchange; the in-memory log stays complete.
 */
public final class CallLog {
  private final Path file;
  private final List<CallRecord> records = new ArrayList<>();

  /** @param file the JSON-lines file to append to, or null for memory only */
  public CallLog(Path file) {
    this.file = file;
  }

  /** Adds a record and appends it to the file. */
  public synchronized void add(CallRecord record) {
    records.add(record);
    if (file != null) {
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
        w.write(toJson(record).toString());
        w.write('\n');
      } catch (IOException e) {
        Logger.warn("call log {}: cannot append: {}", file, e.getMessage());
      }
    }
  }

  /** A copy of the records so far, oldest first. */
  public synchronized List<CallRecord> records() {
    return List.copyOf(records);
  }

  /** One record as the JSON object the file and the control API show. */
  public static JsonObject toJson(CallRecord r) {
    JsonObject o = new JsonObject();
    o.addProperty("id", r.id());
    o.addProperty("from", r.from());
    o.addProperty("to", r.to());
    o.addProperty("outcome", r.outcome().name());
    o.addProperty("start", r.start().toString());
    o.addProperty("connectedMillis", r.connectedMillis());
    o.addProperty("rateBps", r.rateBps());
    o.addProperty("bytesFromCaller", r.bytesFromCaller());
    o.addProperty("bytesToCaller", r.bytesToCaller());
    o.addProperty("endCause", r.endCause() == null ? null : r.endCause().name());
    return o;
  }
}
