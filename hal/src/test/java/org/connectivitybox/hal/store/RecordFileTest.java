package org.connectivitybox.hal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("RecordFile, the byte format of one store record")
class RecordFileTest {
  private static final String NAME = "params190";
  private static final byte[] PAYLOAD = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
  /** Offsets of the format in RecordFile's Javadoc, for a record named {@link #NAME}. */
  private static final int NAME_AT = 17;
  private static final int PAYLOAD_LENGTH_AT = NAME_AT + NAME.length();
  private static final int PAYLOAD_AT = PAYLOAD_LENGTH_AT + 4;
  private static final int CRC_AT = PAYLOAD_AT + PAYLOAD.length;

  private static byte[] sample() {
    return RecordFile.encode(new StoredRecord(NAME, 7, 42, PAYLOAD));
  }

  private static String corruption(byte[] bytes) {
    StoreCorruptedException e =
        assertThrows(StoreCorruptedException.class, () -> RecordFile.decode(NAME, bytes));
    assertEquals(NAME, e.recordName());
    assertTrue(e.getMessage().startsWith("store record '" + NAME + "' is corrupt: "),
        e.getMessage());
    return e.getMessage();
  }

  /** Rewrites the trailing CRC so that only the deliberate damage is left to detect. */
  private static byte[] withValidCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  @Test
  void aRecordSurvivesEncodeAndDecodeUnchanged() throws Exception {
    StoredRecord record = new StoredRecord(NAME, 7, 42, PAYLOAD);
    StoredRecord back = RecordFile.decode(NAME, RecordFile.encode(record));
    assertEquals(record, back);
    assertEquals(7, back.schemaVersion());
    assertEquals(42, back.generation());
    assertArrayEquals(PAYLOAD, back.payload());
  }

  @Test
  void anEmptyPayloadAndExtremeHeaderValuesRoundTrip() throws Exception {
    String longName = "a".repeat(32);
    StoredRecord record = new StoredRecord(longName, 0xFFFF, Long.MAX_VALUE, new byte[0]);
    StoredRecord back = RecordFile.decode(longName, RecordFile.encode(record));
    assertEquals(record, back);
    assertEquals(65535, back.schemaVersion(), "the schema version is unsigned");
  }

  @Test
  void theBytesFollowTheDocumentedLayout() {
    byte[] bytes = sample();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    assertEquals(CRC_AT + 4, bytes.length);
    assertArrayEquals("CBST".getBytes(StandardCharsets.US_ASCII), Arrays.copyOfRange(bytes, 0, 4));
    assertEquals(1, bytes[4], "format version");
    assertEquals(0, bytes[5], "flags");
    assertEquals(7, in.getShort(6), "schema version");
    assertEquals(42, in.getLong(8), "generation");
    assertEquals(NAME.length(), bytes[16], "name length");
    assertEquals(NAME, new String(bytes, NAME_AT, NAME.length(), StandardCharsets.US_ASCII));
    assertEquals(PAYLOAD.length, in.getInt(PAYLOAD_LENGTH_AT));
    assertArrayEquals(PAYLOAD, Arrays.copyOfRange(bytes, PAYLOAD_AT, CRC_AT));
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, CRC_AT);
    assertEquals((int) crc.getValue(), in.getInt(CRC_AT), "CRC-32C of everything before it");
  }

  @Test
  void aFileShorterThanTheSmallestRecordIsRefused() {
    assertTrue(corruption(new byte[0]).contains("file is 0 bytes, shorter than the smallest record"));
    assertTrue(corruption(Arrays.copyOf(sample(), 24)).contains("shorter than the smallest record (25)"));
  }

  @Test
  void aFileWithoutTheMagicIsRefused() {
    byte[] bytes = sample();
    bytes[0] = 'X';
    assertTrue(corruption(bytes).contains("bad magic"));
  }

  @Test
  void anUnknownFormatVersionIsRefused() {
    byte[] bytes = sample();
    bytes[4] = 2;
    assertTrue(corruption(withValidCrc(bytes)).contains("format version 2 is not supported"));
  }

  @Test
  void aFileHoldingAnotherRecordIsRefused() {
    byte[] other = RecordFile.encode(new StoredRecord("params191", 1, 1, PAYLOAD));
    assertTrue(corruption(other).contains("file holds record 'params191' instead"));
  }

  @Test
  void aTruncatedFileIsRefused() {
    byte[] bytes = sample();
    assertTrue(corruption(Arrays.copyOf(bytes, bytes.length - 1))
        .contains("(truncated or extended file)"));
    assertTrue(corruption(Arrays.copyOf(bytes, PAYLOAD_AT + 4))
        .contains("(truncated or extended file)"));
  }

  @Test
  void aFileEndingInsideTheNameIsRefused() {
    byte[] bytes = RecordFile.encode(new StoredRecord("a", 1, 1, new byte[8]));
    bytes[16] = (byte) 0xFF; // a 255-byte name in a 34-byte file
    assertTrue(corruption(bytes).contains("file ends inside the header"));
  }

  @Test
  void aFileWithATrailingByteIsRefused() {
    byte[] bytes = sample();
    assertTrue(corruption(Arrays.copyOf(bytes, bytes.length + 1))
        .contains("payload length " + PAYLOAD.length + " does not match the file size "
            + (bytes.length + 1)));
  }

  @Test
  void aNegativePayloadLengthIsRefused() {
    byte[] bytes = sample();
    ByteBuffer.wrap(bytes).putInt(PAYLOAD_LENGTH_AT, -1);
    assertTrue(corruption(bytes).contains("payload length 4294967295 does not match"));
  }

  @Test
  void aGenerationBelowOneIsRefusedEvenWithAValidChecksum() {
    byte[] bytes = sample();
    ByteBuffer.wrap(bytes).putLong(8, 0);
    assertTrue(corruption(withValidCrc(bytes)).contains("generation 0 is below 1"));
  }

  @Test
  void everySingleFlippedBitIsDetected() {
    byte[] good = sample();
    for (int at = 0; at < good.length; at++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] bytes = good.clone();
        bytes[at] ^= (byte) (1 << bit);
        String where = "bit " + bit + " of byte " + at;
        String message = assertThrows(StoreCorruptedException.class,
            () -> RecordFile.decode(NAME, bytes), () -> "flipping " + where + " went unnoticed")
            .getMessage();
        if (at < 4) {
          assertTrue(message.contains("bad magic"), where + ": " + message);
        } else if (at == 4) {
          assertTrue(message.contains("format version"), where + ": " + message);
        } else if (at == 16 || (at >= PAYLOAD_LENGTH_AT && at < PAYLOAD_AT)) {
          // A length field: the file no longer adds up (or, by chance, the checksum catches it).
          assertTrue(message.contains("does not match the file size")
              || message.contains("file ends inside the header")
              || message.contains("checksum mismatch"), where + ": " + message);
        } else {
          // Flags, schema version, generation, name, payload and the checksum itself.
          assertTrue(message.contains("checksum mismatch"), where + ": " + message);
        }
      }
    }
  }

  @Test
  void theChecksumMessageShowsStoredAndComputedValues() {
    byte[] bytes = sample();
    bytes[PAYLOAD_AT] ^= 1;
    assertTrue(corruption(bytes).matches(".*checksum mismatch \\(stored [0-9a-f]{8}, computed [0-9a-f]{8}\\)"));
  }
}
