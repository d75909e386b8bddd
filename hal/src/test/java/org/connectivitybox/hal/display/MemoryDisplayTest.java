package org.connectivitybox.hal.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryDisplayTest {

  @Test
  void linesArePaddedCutAndMappedLikeTheLcd() {
    MemoryDisplay lcd = new MemoryDisplay(DisplayGeometry.LCD_16X2);
    lcd.writeLine(0, "Sent ✓");
    lcd.writeLine(1, "Waiting for Uncle Jo~");
    assertEquals(List.of("Sent ✓          ", "Waiting for Uncl"), lcd.snapshot().lines());
  }

  @Test
  void listenersSeeEveryChangeInOrder() {
    MemoryDisplay lcd = new MemoryDisplay(DisplayGeometry.LCD_20X4);
    List<DisplaySnapshot> seen = new CopyOnWriteArrayList<>();
    lcd.addListener(seen::add);
    lcd.addListener(s -> {
      throw new IllegalStateException("a broken listener does not stop the others");
    });
    lcd.writeLine(3, "Dialling…");
    lcd.showCursor(2, 5);
    lcd.setBacklight(false);
    lcd.clear();
    assertEquals(4, seen.size());
    assertEquals("Dialling…           ", seen.get(0).lines().get(3));
    assertTrue(seen.get(1).cursorVisible());
    assertEquals(5, seen.get(1).cursorColumn());
    assertFalse(seen.get(2).backlight());
    assertEquals(" ".repeat(20), seen.get(3).lines().get(3));
    assertEquals(List.of(1L, 2L, 3L, 4L), seen.stream().map(DisplaySnapshot::version).toList());
  }

  @Test
  void concurrentWritersNeverTearALineAndVersionsCountEveryWrite() throws Exception {
    MemoryDisplay lcd = new MemoryDisplay(DisplayGeometry.LCD_16X2);
    List<Long> versions = new CopyOnWriteArrayList<>();
    lcd.addListener(s -> {
      String line = s.lines().get(0);
      if (!line.equals("A".repeat(16)) && !line.equals("B".repeat(16)) && !line.isBlank()) {
        throw new AssertionError("torn line " + line);
      }
      versions.add(s.version());
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> a = pool.submit(() -> {
        for (int i = 0; i < 500; i++) {
          lcd.writeLine(0, "A".repeat(16));
        }
      });
      Future<?> b = pool.submit(() -> {
        for (int i = 0; i < 500; i++) {
          lcd.writeLine(0, "B".repeat(16));
        }
      });
      a.get(10, TimeUnit.SECONDS);
      b.get(10, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1000, versions.size());
    for (int i = 0; i < versions.size(); i++) {
      assertEquals(i + 1, versions.get(i));
    }
  }

  @Test
  void aCellOutsideTheGlassIsRefused() {
    MemoryDisplay lcd = new MemoryDisplay(DisplayGeometry.LCD_16X2);
    assertThrows(IndexOutOfBoundsException.class, () -> lcd.showCursor(0, 16));
    assertThrows(IllegalArgumentException.class, () -> new DisplayGeometry(40, 4));
  }
}
