package org.connectivitybox.protocols.pstn;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A V.250 result code with its verbose text and numeric value (docs/pstn.md, section 2); {@link
 * #classify} is the pure line classifier.
 */
public enum ResultCode {
  OK("OK", 0),
  CONNECT("CONNECT", 1),
  RING("RING", 2),
  NO_CARRIER("NO CARRIER", 3),
  ERROR("ERROR", 4),
  NO_DIALTONE("NO DIALTONE", 6),
  BUSY("BUSY", 7),
  NO_ANSWER("NO ANSWER", 8),
  /** ETSI call barring: the number was dialled too often without success; try later. */
  DELAYED("DELAYED", 88),
  /** ETSI call barring: the number may not be dialled any more. */
  BLACKLISTED("BLACKLISTED", 89);

  private static final Pattern CONNECT_LINE =
      Pattern.compile("CONNECT(?:\\s+(\\d{1,9})(?:\\D.*)?)?");
  private static final Pattern NUMERIC = Pattern.compile("\\d{1,3}");

  private final String verbose;
  private final int numeric;

  ResultCode(String verbose, int numeric) {
    this.verbose = verbose;
    this.numeric = numeric;
  }

  /** The verbose text ({@code ATV1}), e.g. {@code NO CARRIER}. */
  public String verbose() {
    return verbose;
  }

  /** The numeric code ({@code ATV0}) of docs/pstn.md; 88 and 89 are Conexant's. */
  public int numeric() {
    return numeric;
  }

  /** Whether this code ends a command (every code but RING). */
  public boolean isFinal() {
    return this != RING;
  }

  /** Classifies a line with no numeric extras; see {@link #classify(String, Map)}. */
  public static Optional<ModemResult> classify(String line) {
    return classify(line, Map.of());
  }

  /**
   * Classifies one line from the modem as a result code, or empty if it is none (caller ID,
   * echo, garbage).
   *
   * <p>Verbose codes are matched case-insensitively with surrounding spaces ignored; {@code
   * CONNECT 33600/ARQ} gives the rate 33600. Numeric codes are looked up in {@code
   * numericExtras} first (a profile's chipset-specific codes, such as {@code 10} = CONNECT 2400),
   * then in this enum.
   */
  public static Optional<ModemResult> classify(String line, Map<Integer, ModemResult> numericExtras) {
    String text = line.strip().toUpperCase(Locale.ROOT);
    if (NUMERIC.matcher(text).matches()) {
      int value = Integer.parseInt(text);
      ModemResult extra = numericExtras.get(value);
      if (extra != null) {
        return Optional.of(extra);
      }
      for (ResultCode code : values()) {
        if (code.numeric == value) {
          return Optional.of(new ModemResult(code, 0));
        }
      }
      return Optional.empty();
    }
    Matcher connect = CONNECT_LINE.matcher(text);
    if (connect.matches()) {
      int rate = connect.group(1) == null ? 0 : Integer.parseInt(connect.group(1));
      return Optional.of(new ModemResult(CONNECT, rate));
    }
    if (text.equals("NO DIAL TONE")) {
      return Optional.of(new ModemResult(NO_DIALTONE, 0));
    }
    for (ResultCode code : values()) {
      if (code.verbose.equals(text)) {
        return Optional.of(new ModemResult(code, 0));
      }
    }
    return Optional.empty();
  }
}
