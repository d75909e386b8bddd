package org.connectivitybox.provision;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.connectivitybox.protocols.tls.SerialNumber;

/** The serial numbers of a batch: generated from a prefix and a count, or read from a file. */
final class SerialList {
  /** The largest batch one run makes. */
  static final int MAX_BATCH = 1_000_000;

  private SerialList() {}

  /**
   * {@code PREFIX} followed by {@code start .. start+count-1}, zero-padded to at least six digits
   * (for example {@code CB26A-000001}).
   */
  static List<SerialNumber> generate(String prefix, int start, int count)
      throws ProvisionException {
    if (count < 1 || count > MAX_BATCH) {
      throw new ProvisionException("--count must be between 1 and " + MAX_BATCH + ": " + count);
    }
    if (start < 0 || (long) start + count - 1 > 999_999_999L) {
      throw new ProvisionException("--start out of range: " + start);
    }
    int width = Math.max(6, String.valueOf((long) start + count - 1).length());
    List<SerialNumber> serials = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String s = prefix + String.format("%0" + width + "d", start + i);
      try {
        serials.add(SerialNumber.of(s));
      } catch (IllegalArgumentException e) {
        throw new ProvisionException("--prefix '" + prefix + "' gives " + e.getMessage(), e);
      }
    }
    return serials;
  }

  /**
   * Reads serial numbers from a text or CSV file: one per line, in the first column; blank lines
   * and lines starting with {@code #} are skipped, and a first line {@code serial} (a header) too.
   * A malformed or duplicate serial is an error naming the line.
   */
  static List<SerialNumber> read(Path file) throws ProvisionException {
    String text = Files2.readText(file);
    List<SerialNumber> serials = new ArrayList<>();
    Map<SerialNumber, Integer> firstLine = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      int comma = line.indexOf(',');
      String field = (comma < 0 ? line : line.substring(0, comma)).strip();
      if (field.startsWith("\"") && field.endsWith("\"") && field.length() >= 2) {
        field = field.substring(1, field.length() - 1);
      }
      if (field.isEmpty() && line.strip().isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (serials.isEmpty() && firstLine.isEmpty() && field.equalsIgnoreCase("serial")) {
        continue;
      }
      SerialNumber serial;
      try {
        serial = SerialNumber.of(field);
      } catch (IllegalArgumentException e) {
        throw new ProvisionException(file + ":" + lineNo + ": " + e.getMessage(), e);
      }
      Integer previous = firstLine.putIfAbsent(serial, lineNo);
      if (previous != null) {
        throw new ProvisionException(file + ":" + lineNo + ": duplicate serial number "
            + serial + " (first on line " + previous + ")");
      }
      serials.add(serial);
      if (serials.size() > MAX_BATCH) {
        throw new ProvisionException(file + ": more than " + MAX_BATCH + " serial numbers");
      }
    }
    if (serials.isEmpty()) {
      throw new ProvisionException(file + ": no serial numbers in it");
    }
    return serials;
  }
}
