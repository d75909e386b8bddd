package org.connectivitybox.hal.scanner;

import java.util.Objects;

/**
 * One scanned page: the encoded image, its media type, size, resolution and colour mode.
 *
 * @param image the encoded image (the array is not copied: treat it as read-only)
 * @param mediaType {@code image/png}, {@code image/tiff} or {@code image/jpeg}
 * @param widthPixels width in pixels
 * @param heightPixels height in pixels
 * @param dpi resolution in dots per inch, the same across and down
 * @param colourMode bilevel, grey or colour
 */
public record ScannedPage(
    byte[] image, String mediaType, int widthPixels, int heightPixels, int dpi,
    ColourMode colourMode) {

  /** Checks for nulls and positive sizes. */
  public ScannedPage {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(colourMode, "colourMode");
    if (widthPixels <= 0 || heightPixels <= 0 || dpi <= 0) {
      throw new IllegalArgumentException(
          "page of " + widthPixels + "x" + heightPixels + " pixels at " + dpi + " dpi");
    }
  }

  @Override
  public String toString() {
    return String.format("%s page %dx%d at %d dpi, %d bytes of %s", colourMode, widthPixels,
        heightPixels, dpi, image.length, mediaType);
  }
}
