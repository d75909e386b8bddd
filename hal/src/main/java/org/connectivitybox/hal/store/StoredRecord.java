package org.connectivitybox.hal.store;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record of the persistent store as read back: its name, the schema version of its payload,
 * its generation (1 for the first write, one more for every rewrite) and the payload bytes.
 */
public final class StoredRecord {
  private final String name;
  private final int schemaVersion;
  private final long generation;
  private final byte[] payload;

  /**
   * @throws IllegalArgumentException if the name is not a valid record name, the schema version
   *     is outside 0..65535, the generation is below 1 or the payload is larger than {@link
   *     RecordFile#MAX_PAYLOAD}
   */
  public StoredRecord(String name, int schemaVersion, long generation, byte[] payload) {
    this.name = RecordNames.check(name);
    if (schemaVersion < 0 || schemaVersion > 0xFFFF) {
      throw new IllegalArgumentException("schema version out of range 0..65535: " + schemaVersion);
    }
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be at least 1: " + generation);
    }
    Objects.requireNonNull(payload, "payload");
    if (payload.length > RecordFile.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes exceeds the limit of " + RecordFile.MAX_PAYLOAD);
    }
    this.schemaVersion = schemaVersion;
    this.generation = generation;
    this.payload = payload.clone();
  }

  public String name() {
    return name;
  }

  public int schemaVersion() {
    return schemaVersion;
  }

  public long generation() {
    return generation;
  }

  /** A copy of the payload. */
  public byte[] payload() {
    return payload.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredRecord r
        && r.name.equals(name)
        && r.schemaVersion == schemaVersion
        && r.generation == generation
        && Arrays.equals(r.payload, payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, schemaVersion, generation, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "StoredRecord[" + name + " schema=" + schemaVersion + " generation=" + generation
        + " " + payload.length + " bytes]";
  }
}
