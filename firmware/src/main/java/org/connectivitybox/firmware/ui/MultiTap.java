package org.connectivitybox.firmware.ui;

import java.time.Duration;
import java.util.Map;
import org.connectivitybox.hal.keypad.Key;
import org.connectivitybox.hal.time.Ticker;

/**
 * Multi-tap text entry on a phone keypad: pressing a digit key repeatedly within {@link
 * #COMMIT_AFTER} cycles through its letters; another key, or the pause, commits the letter.
 *
 * <pre>
 *   1 . - 1      2 a b c 2    3 d e f 3
 *   4 g h i 4    5 j k l 5    6 m n o 6
 *   7 p q r s 7  8 t u v 8    9 w x y z 9
 *   * (shift)    0 space 0    # (nothing)
 * </pre>
 * Names may use upper case ({@code *} toggles it); CB names are lower case. Time comes from an
 * injected {@link Ticker}.
 */
public final class MultiTap {
  /** A pause this long commits the pending letter. */
  public static final Duration COMMIT_AFTER = Duration.ofMillis(1200);

  private static final Map<Key, String> LETTERS = Map.of(
      Key.DIGIT_1, ".-1", Key.DIGIT_2, "abc2", Key.DIGIT_3, "def3", Key.DIGIT_4, "ghi4",
      Key.DIGIT_5, "jkl5", Key.DIGIT_6, "mno6", Key.DIGIT_7, "pqrs7", Key.DIGIT_8, "tuv8",
      Key.DIGIT_9, "wxyz9", Key.DIGIT_0, " 0");

  private final Ticker ticker;
  private final int maxLength;
  private final boolean allowUpper;
  private final StringBuilder text = new StringBuilder();
  private Key pendingKey;
  private int pendingIndex;
  private long pendingAt;
  private boolean upper;

  public MultiTap(Ticker ticker, int maxLength, boolean allowUpper) {
    this.ticker = ticker;
    this.maxLength = maxLength;
    this.allowUpper = allowUpper;
  }

  /** Takes a key; returns false if it is not a text key (the caller handles it). */
  public boolean press(Key key) {
    if (key == Key.STAR) {
      commit();
      upper = allowUpper && !upper;
      return true;
    }
    String letters = LETTERS.get(key);
    if (letters == null) {
      return false;
    }
    long now = ticker.nanos();
    if (key == pendingKey && now - pendingAt < COMMIT_AFTER.toNanos()) {
      pendingIndex = (pendingIndex + 1) % letters.length();
    } else {
      commit();
      if (text.length() >= maxLength) {
        return true;
      }
      pendingKey = key;
      pendingIndex = 0;
    }
    pendingAt = now;
    return true;
  }

  /** Deletes the pending letter, or the last committed one. */
  public void backspace() {
    if (pendingKey != null) {
      pendingKey = null;
    } else if (text.length() > 0) {
      text.setLength(text.length() - 1);
    }
  }

  /** Whether nothing has been entered. */
  public boolean isEmpty() {
    return text.length() == 0 && pendingKey == null;
  }

  /** The text as shown now, the pending letter included. */
  public String shown() {
    if (pendingKey != null && ticker.nanos() - pendingAt >= COMMIT_AFTER.toNanos()) {
      commit();
    }
    return text.toString() + (pendingKey == null ? "" : pendingLetter());
  }

  /** Commits the pending letter and returns the whole text. */
  public String finish() {
    commit();
    return text.toString();
  }

  private String pendingLetter() {
    char c = LETTERS.get(pendingKey).charAt(pendingIndex);
    return String.valueOf(upper ? Character.toUpperCase(c) : c);
  }

  private void commit() {
    if (pendingKey != null) {
      text.append(pendingLetter());
      pendingKey = null;
    }
  }
}
