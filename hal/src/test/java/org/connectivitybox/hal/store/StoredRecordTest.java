package org.connectivitybox.hal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("StoredRecord limits")
class StoredRecordTest {

  private static String refusal(Runnable construction) {
    return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
  }

  @Test
  void schemaVersionsOutside0To65535AreRefused() {
    assertTrue(refusal(() -> new StoredRecord("a", -1, 1, new byte[0]))
        .contains("schema version out of range 0..65535: -1"));
    assertTrue(refusal(() -> new StoredRecord("a", 65536, 1, new byte[0]))
        .contains("schema version out of range 0..65535: 65536"));
    assertEquals(0, new StoredRecord("a", 0, 1, new byte[0]).schemaVersion());
    assertEquals(65535, new StoredRecord("a", 65535, 1, new byte[0]).schemaVersion());
  }

  @Test
  void generationsBelowOneAreRefused() {
    assertTrue(refusal(() -> new StoredRecord("a", 1, 0, new byte[0]))
        .contains("generation must be at least 1: 0"));
    assertTrue(refusal(() -> new StoredRecord("a", 1, Long.MIN_VALUE, new byte[0]))
        .contains("generation must be at least 1"));
    assertEquals(Long.MAX_VALUE, new StoredRecord("a", 1, Long.MAX_VALUE, new byte[0]).generation());
  }

  @Test
  void aPayloadLargerThan16MiBIsRefused() {
    assertTrue(refusal(() -> new StoredRecord("a", 1, 1, new byte[RecordFile.MAX_PAYLOAD + 1]))
        .contains("payload of 16777217 bytes exceeds the limit of 16777216"));
    assertEquals(RecordFile.MAX_PAYLOAD,
        new StoredRecord("a", 1, 1, new byte[RecordFile.MAX_PAYLOAD]).payload().length);
  }

  @Test
  void aMissingPayloadIsRefused() {
    assertThrows(NullPointerException.class, () -> new StoredRecord("a", 1, 1, null));
  }

  @ParameterizedTest(name = "name \"{0}\" is refused")
  @NullSource
  @ValueSource(strings = {"", "A", "Params", "-a", "a_b", "a.b", "a/b", "..", " a", "é",
      "abcdefghijklmnopqrstuvwxyz0123456"})
  void invalidNamesAreRefused(String name) {
    String message = refusal(() -> new StoredRecord(name, 1, 1, new byte[0]));
    assertTrue(message.startsWith("invalid record name"), message);
  }

  @ParameterizedTest(name = "name \"{0}\" is accepted")
  @ValueSource(strings = {"a", "0", "params190", "address-book", "abcdefghijklmnopqrstuvwxyz012345"})
  void validNamesAreAccepted(String name) {
    assertEquals(name, new StoredRecord(name, 1, 1, new byte[0]).name());
  }

  @Test
  void thePayloadIsCopiedInAndOut() {
    byte[] payload = {1, 2, 3};
    StoredRecord record = new StoredRecord("a", 1, 1, payload);
    payload[0] = 9;
    record.payload()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, record.payload());
  }

  @Test
  void equalityCoversEveryField() {
    StoredRecord r = new StoredRecord("a", 1, 1, new byte[] {1});
    assertEquals(r, new StoredRecord("a", 1, 1, new byte[] {1}));
    assertEquals(r.hashCode(), new StoredRecord("a", 1, 1, new byte[] {1}).hashCode());
    assertNotEquals(r, new StoredRecord("b", 1, 1, new byte[] {1}));
    assertNotEquals(r, new StoredRecord("a", 2, 1, new byte[] {1}));
    assertNotEquals(r, new StoredRecord("a", 1, 2, new byte[] {1}));
    assertNotEquals(r, new StoredRecord("a", 1, 1, new byte[] {2}));
  }

  @Test
  void toStringShowsTheSizeButNotThePayload() {
    String text = new StoredRecord("secret", 3, 4, "hunter2".getBytes()).toString();
    assertEquals("StoredRecord[secret schema=3 generation=4 7 bytes]", text);
  }
}
