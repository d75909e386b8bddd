package org.connectivitybox.protocols.sequence;

import static org.connectivitybox.protocols.sequence.Task.ADDRESS_BOOK;
import static org.connectivitybox.protocols.sequence.Task.CONFIGURATION;
import static org.connectivitybox.protocols.sequence.Task.FIRMWARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

  @Test
  void theCssReturnsItsNumberForEveryTaskThatDiffers() {
    SequenceNumbers css = SequenceNumbers.of(ADDRESS_BOOK, 5, FIRMWARE, 2, CONFIGURATION, 7);
    SequenceNumbers box = SequenceNumbers.of(ADDRESS_BOOK, 4, FIRMWARE, 2, CONFIGURATION, 7);
    assertEquals(SequenceNumbers.of(ADDRESS_BOOK, 5), css.mismatches(box));
  }

  @Test
  void tasksTheBoxDidNotReportAreNotReturned() {
    SequenceNumbers css = SequenceNumbers.of(ADDRESS_BOOK, 5, FIRMWARE, 3);
    assertEquals(SequenceNumbers.NONE, css.mismatches(SequenceNumbers.of(ADDRESS_BOOK, 5)));
  }

  @Test
  void aNegativeOrHugeNumberIsRefusedNamingTheTask() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SequenceNumbers(Map.of(FIRMWARE, -1L)));
    assertTrue(e.getMessage().contains("firmware"));
    assertThrows(IllegalArgumentException.class,
        () -> new SequenceNumbers(Map.of(FIRMWARE, SequenceNumbers.MAX + 1)));
  }

  @Test
  void theBoxKeepsTheCssNumberAsTheActionIndicatorUntilTheTaskIsDone() {
    ActionIndicators a = ActionIndicators.NONE
        .withMismatches(SequenceNumbers.of(FIRMWARE, 3))
        .withLocal(ADDRESS_BOOK);
    assertEquals(Set.of(ADDRESS_BOOK, FIRMWARE), a.pending());
    assertEquals(Optional.of(3L), a.cssNumber(FIRMWARE));
    assertEquals(Optional.empty(), a.cssNumber(ADDRESS_BOOK));
    a = a.withMismatches(SequenceNumbers.of(FIRMWARE, 4));
    assertEquals(Optional.of(4L), a.cssNumber(FIRMWARE), "a newer response wins");
    a = a.cleared(FIRMWARE).cleared(ADDRESS_BOOK);
    assertEquals(Set.of(), a.pending());
  }

  @Test
  void tasksHaveStableWireNames() {
    assertEquals("addressBook", ADDRESS_BOOK.wireName());
    assertEquals(FIRMWARE, Task.forWireName("firmware"));
    assertEquals(null, Task.forWireName("Firmware"));
  }
}
