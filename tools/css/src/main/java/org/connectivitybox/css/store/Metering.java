package org.connectivitybox.css.store;

/**
 * What one end of a job reported in METERING: bytes and pages transferred and its result code.
 */
public record Metering(long bytes, int pages, String result) {
  /** @throws IllegalArgumentException on negative counts or a blank result */
  public Metering {
    if (bytes < 0 || pages < 0) {
      throw new IllegalArgumentException("metering counts must not be negative");
    }
    if (result == null || result.isBlank() || result.length() > 32) {
      throw new IllegalArgumentException("a metering result is 1 to 32 characters");
    }
  }
}
