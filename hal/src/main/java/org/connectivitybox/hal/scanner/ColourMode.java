package org.connectivitybox.hal.scanner;

/** How many colours a scanned page has; decides how it is compressed for the line. */
public enum ColourMode {
  /** One bit per pixel, black and white (line art, fax-like: CCITT G4). */
  BILEVEL,
  /** Shades of grey. */
  GREY,
  /** Full colour. */
  COLOUR
}
