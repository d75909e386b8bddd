package org.connectivitybox.firmware.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sequence.ActionIndicators;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.sequence.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoxStoreTest {
  @TempDir Path dir;

  @Test
  void theAddressBookAndSequenceStateSurviveAReopen() throws Exception {
    BoxStore store = BoxStore.open(dir);
    assertEquals(AddressBook.EMPTY, store.addressBook());
    assertEquals(BoxStore.SequenceState.INITIAL, store.sequenceState());
    AddressBook book = AddressBook.EMPTY
        .with(new AddressBook.Entry("Uncle Jo", CbName.of("jo-home")))
        .with(new AddressBook.Entry("Bakery", CbName.of("bakery-1")));
    store.writeAddressBook(book);
    var state = new BoxStore.SequenceState(SequenceNumbers.of(Task.ADDRESS_BOOK, 3L),
        new ActionIndicators(Map.of(Task.FIRMWARE, 7L), Set.of(Task.ADDRESS_BOOK)));
    store.writeSequenceState(state);

    BoxStore again = BoxStore.open(dir);
    assertEquals(book, again.addressBook());
    assertEquals(CbName.of("jo-home"), again.addressBook().find("uncle jo").orElseThrow().cbName());
    assertEquals(state, again.sequenceState());
    assertTrue(again.parameters191().isEmpty(), "not configured");
  }

  @Test
  void aDamagedRecordIsReportedByName() throws Exception {
    BoxStore store = BoxStore.open(dir);
    store.writeAddressBook(AddressBook.EMPTY.with(new AddressBook.Entry("Jo",
        CbName.of("jo-home"))));
    Path file;
    try (var files = Files.list(dir)) {
      file = files.filter(p -> p.getFileName().toString().startsWith(BoxStore.ADDRESS_BOOK))
          .findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 3] ^= 0x20;
    Files.write(file, bytes);
    StoreCorruption e = assertThrows(StoreCorruption.class, store::addressBook);
    assertEquals(BoxStore.ADDRESS_BOOK, e.record());
  }

  @Test
  void aBoxThatWasNeverProvisionedSaysSo() throws Exception {
    StoreCorruption e = assertThrows(StoreCorruption.class,
        () -> BoxStore.open(dir).parameters190());
    assertEquals("params190: missing: this box was never provisioned", e.getMessage());
  }

  @Test
  void friendlyNamesAreUniqueAndFitTheLcd() {
    assertThrows(IllegalArgumentException.class, () -> new AddressBook(List.of(
        new AddressBook.Entry("Jo", CbName.of("a")), new AddressBook.Entry("JO", CbName.of("b")))));
    assertThrows(IllegalArgumentException.class,
        () -> new AddressBook.Entry("A name far too long for it", CbName.of("a")));
  }
}
