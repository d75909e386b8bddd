package org.connectivitybox.firmware.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.connectivitybox.hal.keypad.Key;
import org.junit.jupiter.api.Test;

class MultiTapTest {
  final AtomicLong now = new AtomicLong();

  MultiTap tap(int max, boolean upper) {
    return new MultiTap(now::get, max, upper);
  }

  void pause() {
    now.addAndGet(MultiTap.COMMIT_AFTER.toNanos());
  }

  void quick() {
    now.addAndGet(100_000_000L);
  }

  @Test
  void repeatedPressesCycleAndAnotherKeyOrAPauseCommits() {
    MultiTap t = tap(16, true);
    t.press(Key.DIGIT_5);
    quick();
    t.press(Key.DIGIT_5);
    quick();
    t.press(Key.DIGIT_5);
    assertEquals("l", t.shown());
    quick();
    t.press(Key.DIGIT_6); // commits the l
    assertEquals("lm", t.shown());
    pause();
    t.press(Key.DIGIT_6); // after the pause: a new m
    assertEquals("lmm", t.shown());
    quick();
    t.press(Key.DIGIT_0);
    assertEquals("lmm ", t.finish());
  }

  @Test
  void starShiftsToUpperCaseWhenAllowedAndBackspaceDeletes() {
    MultiTap t = tap(16, true);
    t.press(Key.STAR);
    t.press(Key.DIGIT_5);
    quick();
    t.press(Key.DIGIT_8);
    assertEquals("JT", t.shown());
    t.backspace();
    assertEquals("J", t.shown());
    t.backspace();
    assertTrue(t.isEmpty());
    MultiTap lower = tap(16, false);
    lower.press(Key.STAR);
    lower.press(Key.DIGIT_2);
    assertEquals("a", lower.finish());
  }

  @Test
  void theLengthIsBoundedAndNonTextKeysAreLeftToTheCaller() {
    MultiTap t = tap(2, false);
    t.press(Key.DIGIT_2);
    quick();
    t.press(Key.DIGIT_3);
    quick();
    t.press(Key.DIGIT_4);
    assertEquals("ad", t.finish());
    assertFalse(t.press(Key.OK));
    assertFalse(t.press(Key.SEND));
  }
}
