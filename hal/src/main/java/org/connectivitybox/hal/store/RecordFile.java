package org.connectivitybox.hal.store;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The byte format of one store record: a pure codec, no I/O.
 *
 * <pre>
 * offset  size  field
 *      0     4  magic "CBST"
 *      4     1  format version (this class writes 1)
 *      5     1  flags (0; reserved)
 *      6     2  schema version of the payload, unsigned big-endian
 *      8     8  generation, big-endian (1 on first write, +1 on every rewrite)
 *     16     1  length N of the record name
 *     17     N  record name, ASCII
 *   17+N     4  length P of the payload, big-endian (at most 16 MiB)
 *   21+N     P  payload (its meaning belongs to the record's owner)
 * 21+N+P     4  CRC-32C (Castagnoli) of every byte before it
 * </pre>
 *
 * <p>Decoding rejects every deviation (short file, wrong magic, unknown format version, a name
 * that is not the expected one, lengths that do not add up, trailing bytes, checksum mismatch)
 * with a {@link StoreCorruptedException} that says which.
 */
public final class RecordFile {
  /** The largest payload a record may carry. */
  public static final int MAX_PAYLOAD = 16 * 1024 * 1024;

  static final byte[] MAGIC = {'C', 'B', 'S', 'T'};
  static final int FORMAT_VERSION = 1;
  private static final int FIXED_OVERHEAD = 4 + 1 + 1 + 2 + 8 + 1 + 4 + 4;

  private RecordFile() {}

  /** Encodes a record into its file bytes. */
  public static byte[] encode(StoredRecord record) {
    byte[] name = record.name().getBytes(StandardCharsets.US_ASCII);
    byte[] payload = record.payload();
    ByteBuffer out = ByteBuffer.allocate(FIXED_OVERHEAD + name.length + payload.length);
    out.put(MAGIC)
        .put((byte) FORMAT_VERSION)
        .put((byte) 0)
        .putShort((short) record.schemaVersion())
        .putLong(record.generation())
        .put((byte) name.length)
        .put(name)
        .putInt(payload.length)
        .put(payload);
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    out.putInt((int) crc.getValue());
    return out.array();
  }

  /**
   * Decodes file bytes that should hold the record named {@code expectedName}.
   *
   * @throws StoreCorruptedException if the bytes are not a well-formed record of that name
   */
  public static StoredRecord decode(String expectedName, byte[] bytes)
      throws StoreCorruptedException {
    if (bytes.length < FIXED_OVERHEAD) {
      throw new StoreCorruptedException(expectedName,
          "file is " + bytes.length + " bytes, shorter than the smallest record ("
              + FIXED_OVERHEAD + ")");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte[] magic = new byte[4];
      in.get(magic);
      if (!java.util.Arrays.equals(magic, MAGIC)) {
        throw new StoreCorruptedException(expectedName, "bad magic (not a store record)");
      }
      int format = in.get() & 0xFF;
      if (format != FORMAT_VERSION) {
        throw new StoreCorruptedException(expectedName,
            "format version " + format + " is not supported (this firmware reads "
                + FORMAT_VERSION + ")");
      }
      in.get(); // flags, reserved
      int schemaVersion = in.getShort() & 0xFFFF;
      long generation = in.getLong();
      int nameLength = in.get() & 0xFF;
      byte[] nameBytes = new byte[nameLength];
      in.get(nameBytes);
      String name = new String(nameBytes, StandardCharsets.US_ASCII);
      int payloadLength = in.getInt();
      if (payloadLength < 0 || payloadLength > MAX_PAYLOAD
          || payloadLength != bytes.length - FIXED_OVERHEAD - nameLength) {
        throw new StoreCorruptedException(expectedName,
            "payload length " + (payloadLength & 0xFFFFFFFFL) + " does not match the file size "
                + bytes.length + " (truncated or extended file)");
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes, 0, bytes.length - 4);
      int stored = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
      if (stored != (int) crc.getValue()) {
        throw new StoreCorruptedException(expectedName,
            String.format("checksum mismatch (stored %08x, computed %08x)", stored,
                (int) crc.getValue()));
      }
      if (!name.equals(expectedName)) {
        throw new StoreCorruptedException(expectedName,
            "file holds record '" + name + "' instead");
      }
      if (generation < 1) {
        throw new StoreCorruptedException(expectedName, "generation " + generation + " is below 1");
      }
      byte[] payload = new byte[payloadLength];
      in.get(payload);
      return new StoredRecord(name, schemaVersion, generation, payload);
    } catch (BufferUnderflowException e) {
      throw new StoreCorruptedException(expectedName, "file ends inside the header");
    }
  }
}
