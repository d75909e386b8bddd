package org.connectivitybox.protocols.config;

import java.io.IOException;
import java.util.Optional;
import org.connectivitybox.hal.store.PersistentStore;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/** What the parameters codecs share: reading a record of one schema, and naming bad fields. */
final class RecordFields {
  private RecordFields() {}

  /** Reads a value whose check throws, reporting the failure as the field's. */
  interface Field<T> {
    T get() throws IOException;
  }

  /**
   * The value {@code f} makes, or a malformed-message error naming {@code field} of {@code o}
   * with the reason.
   */
  static <T> T value(JsonFields o, String field, Field<T> f) throws MalformedMessageException {
    try {
      return f.get();
    } catch (MalformedMessageException e) {
      throw e;
    } catch (RuntimeException | IOException e) {
      throw o.wrong(field, "is invalid: " + e.getMessage());
    }
  }

  /** Decodes one record's payload. */
  interface Decoder<T> {
    T decode(byte[] payload) throws MalformedMessageException;
  }

  /**
   * The record {@code name} of {@code store}, decoded; empty if there is none.
   *
   * @throws org.connectivitybox.hal.store.StoreCorruptedException if the record is damaged
   * @throws MalformedMessageException if it is intact but invalid or of another schema
   */
  static <T> Optional<T> read(PersistentStore store, String name, int schema,
      Decoder<T> decoder) throws IOException {
    var record = store.read(name);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    int found = record.get().schemaVersion();
    if (found != schema) {
      throw new MalformedMessageException(name + ": schema version " + found
          + " is not supported (this code reads " + schema + ")");
    }
    return Optional.of(decoder.decode(record.get().payload()));
  }
}
