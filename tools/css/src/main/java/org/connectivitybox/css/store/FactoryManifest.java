package org.connectivitybox.css.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.tls.SerialNumber;

/**
 * Reads the factory's {@code manifest.csv} (written by {@code tools/provision batch}): the header
 * {@value #HEADER}, then one row per device. Pure: text in, rows out.
 */
public final class FactoryManifest {
  /** The header line the factory writes. */
  public static final String HEADER =
      "serial,config_user_name,config_password_sha256,certificate_sha256,not_after";

  private FactoryManifest() {}

  /**
   * Parses a manifest; the whole file is refused if one line is wrong.
   *
   * @param source named in the rows and in error messages
   * @throws IllegalArgumentException naming the first bad line and what is wrong with it
   */
  public static List<LegitimateSerial> parse(String text, String source) {
    String[] lines = text.replace("\r\n", "\n").split("\n");
    if (lines.length == 0 || !lines[0].trim().equals(HEADER)) {
      throw new IllegalArgumentException(source + " line 1: expected the header '" + HEADER + "'");
    }
    List<LegitimateSerial> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split(",", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 5 columns, got "
            + f.length);
      }
      try {
        rows.add(new LegitimateSerial(SerialNumber.of(f[0]), f[1], f[2], f[3],
            Instant.parse(f[4]), source));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1)
            + ": not_after is not an ISO-8601 instant: " + f[4]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return rows;
  }
}
