package org.connectivitybox.hal.serial;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/** The result of one {@link SerialLine#read}: the bytes that arrived, or a timeout. */
public sealed interface ReadResult {

  /** One or more bytes arrived; {@link #bytes()} returns a copy. */
  final class Data implements ReadResult {
    private final byte[] bytes;

    /** @throws IllegalArgumentException if {@code bytes} is empty */
    public Data(byte[] bytes) {
      Objects.requireNonNull(bytes, "bytes");
      if (bytes.length == 0) {
        throw new IllegalArgumentException("a data read carries at least one byte");
      }
      this.bytes = bytes.clone();
    }

    public byte[] bytes() {
      return bytes.clone();
    }

    public int length() {
      return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Data d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Data[" + bytes.length + " bytes]";
    }
  }

  /** Nothing arrived within {@code waited}. */
  record TimedOut(Duration waited) implements ReadResult {
    public TimedOut {
      Objects.requireNonNull(waited, "waited");
    }
  }
}
