package org.connectivitybox.protocols.document;

import java.util.Arrays;
import java.util.Objects;

/**
 * One encoded page of a document: its encoding, resolution, size in pixels and the encoded image.
 *
 * <p>Immutable: the data is copied in and out.
 *
 * @param encoding how {@code data} is encoded
 * @param dpi resolution, 1..{@value #MAX_DPI} dots per inch (both directions)
 * @param width width in pixels, 1..{@value #MAX_PIXELS}
 * @param height height in pixels, 1..{@value #MAX_PIXELS}
 * @param data the encoded image, 1..{@value #MAX_DATA} bytes
 */
public record Page(PageEncoding encoding, int dpi, int width, int height, byte[] data) {
  /** Largest resolution accepted. */
  public static final int MAX_DPI = 4800;
  /** Largest width or height in pixels accepted (an A0 sheet at 600 dpi is about 28,000). */
  public static final int MAX_PIXELS = 65_535;
  /** Largest encoded page accepted: 32 MiB. */
  public static final int MAX_DATA = 32 << 20;

  /** @throws IllegalArgumentException naming the field out of range */
  public Page {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(data, "data");
    check("dpi", dpi, MAX_DPI);
    check("width", width, MAX_PIXELS);
    check("height", height, MAX_PIXELS);
    check("data length", data.length, MAX_DATA);
    data = data.clone();
  }

  private static void check(String name, int value, int max) {
    if (value < 1 || value > max) {
      throw new IllegalArgumentException("page " + name + " " + value + " is outside 1.." + max);
    }
  }

  /** A copy of the encoded image. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The size of the encoded image in bytes. */
  public int size() {
    return data.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Page p && encoding == p.encoding && dpi == p.dpi && width == p.width
        && height == p.height && Arrays.equals(data, p.data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(encoding, dpi, width, height, Arrays.hashCode(data));
  }

  @Override
  public String toString() {
    return "Page[" + encoding + ", " + dpi + " dpi, " + width + "x" + height + ", " + data.length
        + " bytes]";
  }
}
