package org.connectivitybox.firmware.store;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.connectivitybox.hal.store.DirectoryStore;
import org.connectivitybox.hal.store.PersistentStore;
import org.connectivitybox.hal.store.StoredRecord;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters190Codec;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.config.Parameters191Codec;
import org.connectivitybox.protocols.config.StoreRecords;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sequence.ActionIndicators;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.SequenceNumbersJson;
import org.connectivitybox.protocols.sequence.Task;

/**
 * The box's persistent store (memory 34) as the firmware sees it: typed records over the hal's
 * {@link PersistentStore} (one file per record, atomic, checksummed, versioned; the byte format
 * is docs/store-format.md).
 *
 * <pre>
 * params190    parameters 190, written at the factory          Parameters190Codec
 * params191    parameters 191, written by configuration        Parameters191Codec
 * addressbook  the address book 35                             {"entries":[{"friendlyName","cbName"}]}
 * sequence     sequence numbers 126 and the action indicators  {"numbers":{task:n},
 *                                                               "cssNumbers":{task:n},"local":[task]}
 * </pre>
 *
 * <p>Every read reports a damaged or invalid record as a {@link StoreCorruption} naming it; a
 * write replaces the whole record atomically, so a power cut leaves the old or the new one.
 * Thread-safe (the hal store serialises writers).
 */
public final class BoxStore {
  public static final String ADDRESS_BOOK = "addressbook";
  public static final String SEQUENCE = "sequence";
  private static final int SCHEMA = 1;

  /** The sequence numbers of the box and the tasks the CSS or the user asked for. */
  public record SequenceState(SequenceNumbers numbers, ActionIndicators indicators) {
    public static final SequenceState INITIAL =
        new SequenceState(SequenceNumbers.NONE, ActionIndicators.NONE);
  }

  private final PersistentStore store;

  private BoxStore(PersistentStore store) {
    this.store = store;
  }

  /** The store in {@code folder} (made if missing). */
  public static BoxStore open(Path folder) throws IOException {
    return new BoxStore(DirectoryStore.open(folder));
  }

  /** A store over any persistent store (tests). */
  public static BoxStore over(PersistentStore store) {
    return new BoxStore(store);
  }

  /**
   * The factory's parameters 190.
   *
   * @throws StoreCorruption if they are missing (the box was never provisioned) or damaged
   */
  public Parameters190 parameters190() throws StoreCorruption {
    try {
      return Parameters190Codec.read(store).orElseThrow(() -> new StoreCorruption(
          StoreRecords.PARAMETERS_190, "missing: this box was never provisioned", null));
    } catch (IOException e) {
      throw new StoreCorruption(StoreRecords.PARAMETERS_190, e.getMessage(), e);
    }
  }

  /**
   * The downloaded parameters 191; empty while the box is not configured.
   *
   * @throws StoreCorruption if the record is damaged or invalid
   */
  public Optional<Parameters191> parameters191() throws StoreCorruption {
    try {
      return Parameters191Codec.read(store);
    } catch (IOException e) {
      throw new StoreCorruption(StoreRecords.PARAMETERS_191, e.getMessage(), e);
    }
  }

  /**
   * Replaces parameters 190, atomically. Only configuration does this, to clear the
   * configuration flag as its last act.
   */
  public void writeParameters190(Parameters190 p) throws IOException {
    Parameters190Codec.write(store, p);
  }

  /** Replaces parameters 191, atomically. */
  public void writeParameters191(Parameters191 p) throws IOException {
    Parameters191Codec.write(store, p);
  }

  /** The address book; empty if the box has none yet. */
  public AddressBook addressBook() throws StoreCorruption {
    Optional<JsonFields> o = read(ADDRESS_BOOK);
    if (o.isEmpty()) {
      return AddressBook.EMPTY;
    }
    try {
      List<AddressBook.Entry> entries = new ArrayList<>();
      JsonObject raw = com.google.gson.JsonParser.parseString(
          new String(store.read(ADDRESS_BOOK).orElseThrow().payload(), StandardCharsets.UTF_8))
          .getAsJsonObject();
      JsonArray list = raw.getAsJsonArray("entries");
      if (list == null) {
        throw new MalformedMessageException(ADDRESS_BOOK + ": field 'entries' is missing");
      }
      for (int i = 0; i < list.size(); i++) {
        JsonFields e = JsonFields.parse(ADDRESS_BOOK + " entry " + (i + 1),
            list.get(i).toString().getBytes(StandardCharsets.UTF_8));
        try {
          entries.add(new AddressBook.Entry(e.string("friendlyName"),
              CbName.of(e.string("cbName"))));
        } catch (IllegalArgumentException x) {
          throw new MalformedMessageException(ADDRESS_BOOK + " entry " + (i + 1) + ": "
              + x.getMessage(), x);
        }
      }
      return new AddressBook(entries);
    } catch (IOException | RuntimeException e) {
      throw new StoreCorruption(ADDRESS_BOOK, e.getMessage(), e);
    }
  }

  /** Replaces the address book, atomically. */
  public void writeAddressBook(AddressBook book) throws IOException {
    JsonArray list = new JsonArray();
    for (AddressBook.Entry e : book.entries()) {
      JsonObject o = new JsonObject();
      o.addProperty("friendlyName", e.friendlyName());
      o.addProperty("cbName", e.cbName().value());
      list.add(o);
    }
    JsonObject o = new JsonObject();
    o.add("entries", list);
    write(ADDRESS_BOOK, o);
  }

  /** The sequence numbers and action indicators; the initial ones if never written. */
  public SequenceState sequenceState() throws StoreCorruption {
    Optional<JsonFields> o = read(SEQUENCE);
    if (o.isEmpty()) {
      return SequenceState.INITIAL;
    }
    try {
      SequenceNumbers numbers = SequenceNumbersJson.decode(o.get(), "numbers");
      SequenceNumbers css = SequenceNumbersJson.decode(o.get(), "cssNumbers");
      Set<Task> local = EnumSet.noneOf(Task.class);
      for (String name : o.get().strings("local")) {
        Task t = Task.forWireName(name);
        if (t == null) {
          throw o.get().wrong("local", "names an unknown task: " + name);
        }
        local.add(t);
      }
      Map<Task, Long> cssNumbers = new EnumMap<>(Task.class);
      cssNumbers.putAll(css.numbers());
      return new SequenceState(numbers, new ActionIndicators(cssNumbers, local));
    } catch (IOException | RuntimeException e) {
      throw new StoreCorruption(SEQUENCE, e.getMessage(), e);
    }
  }

  /** Replaces the sequence numbers and action indicators, atomically. */
  public void writeSequenceState(SequenceState s) throws IOException {
    JsonObject o = new JsonObject();
    o.add("numbers", SequenceNumbersJson.encode(s.numbers()));
    o.add("cssNumbers", SequenceNumbersJson.encode(
        new SequenceNumbers(s.indicators().cssNumbers())));
    JsonArray local = new JsonArray();
    s.indicators().local().stream().sorted().forEach(t -> local.add(t.wireName()));
    o.add("local", local);
    write(SEQUENCE, o);
  }

  private Optional<JsonFields> read(String name) throws StoreCorruption {
    try {
      Optional<StoredRecord> r = store.read(name);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      if (r.get().schemaVersion() != SCHEMA) {
        throw new StoreCorruption(name, "schema version " + r.get().schemaVersion()
            + " is not supported (this firmware reads " + SCHEMA + ")", null);
      }
      return Optional.of(JsonFields.parse(name, r.get().payload()));
    } catch (IOException e) {
      throw new StoreCorruption(name, e.getMessage(), e);
    }
  }

  private void write(String name, JsonObject o) throws IOException {
    store.write(name, SCHEMA, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping()
        .create().toJson(o).getBytes(StandardCharsets.UTF_8));
  }
}
