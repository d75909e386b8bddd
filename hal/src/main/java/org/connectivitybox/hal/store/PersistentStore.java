package org.connectivitybox.hal.store;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The box's non-volatile memory: named records that survive power loss.
 *
 * <p>Every write is atomic: after a crash or power cut at any instant a reader finds either the
 * whole previous content of the record or the whole new one, never a mixture. Implementations are
 * safe for use by several threads; writes to the same record are serialised.
 */
public interface PersistentStore {

  /**
   * Reads one record.
   *
   * @return the record, or empty if it was never written (or was deleted)
   * @throws StoreCorruptedException if the record exists but is damaged
   * @throws IOException if the medium cannot be read
   */
  Optional<StoredRecord> read(String name) throws IOException;

  /**
   * Replaces a record with a new payload, atomically and durably: when this returns, the new
   * content survives a power cut.
   *
   * @return the record as stored, with its new generation
   * @throws IllegalArgumentException if the name or the schema version is invalid
   * @throws IOException if the medium cannot be written; the previous content is then intact
   */
  StoredRecord write(String name, int schemaVersion, byte[] payload) throws IOException;

  /** Removes a record; removing one that does not exist does nothing. */
  void delete(String name) throws IOException;

  /** The names of all records present, sorted. */
  List<String> names() throws IOException;
}
