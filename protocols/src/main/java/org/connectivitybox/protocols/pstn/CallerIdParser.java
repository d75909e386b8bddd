package org.connectivitybox.protocols.pstn;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.connectivitybox.protocols.pstn.ModemEvent.Presentation;

/**
 * Pure decoding of caller ID: formatted field lines ({@code NMBR = 0800...}) and unformatted
 * SDMF (type 0x04) and MDMF (type 0x80) frames in hex, with their checksum.
 *
 * <p>Field lines tolerate spaces around {@code =} and lower case; missing fields leave the
 * block's parts null. A frame with a wrong length or checksum is refused with {@link
 * MalformedCallerIdException}; unknown MDMF parameters are skipped.
 */
public final class CallerIdParser {
  /** SDMF message type. */
  public static final int SDMF = 0x04;
  /** MDMF message type. */
  public static final int MDMF = 0x80;
  static final int PARAM_DATE_TIME = 0x01;
  static final int PARAM_NUMBER = 0x02;
  static final int PARAM_NUMBER_ABSENT = 0x04;
  static final int PARAM_NAME = 0x07;
  static final int PARAM_NAME_ABSENT = 0x08;

  private static final Pattern FIELD = Pattern.compile(
      "\\s*(DATE|TIME|NMBR|NAME|MESG|DDN_NMBR)\\s*=\\s*(.*?)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern FRAME = Pattern.compile("(?i)(04|80)([0-9a-f]{2})+");

  private CallerIdParser() {}

  /** One formatted caller-ID line: its key in upper case ({@code DDN_NMBR} read as NMBR). */
  public record Field(String key, String value) {}

  /** The field on {@code line}, or empty if the line is not a caller-ID field. */
  public static Optional<Field> field(String line) {
    Matcher m = FIELD.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    String key = m.group(1).toUpperCase(Locale.ROOT);
    return Optional.of(new Field(key.equals("DDN_NMBR") ? "NMBR" : key, m.group(2)));
  }

  /**
   * The block the formatted {@code fields} of one call describe. {@code NMBR = P} is withheld,
   * {@code NMBR = O} (or no NMBR at all) unavailable; {@code NAME = P}/{@code O} means no name.
   * A {@code MESG} that holds MDMF parameters in hex fills in what it carries; one that does not
   * is ignored.
   */
  public static CallerIdBlock fromFields(List<Field> fields) {
    Parts parts = new Parts();
    String date = null;
    String time = null;
    for (Field f : fields) {
      switch (f.key()) {
        case "DATE":
          date = f.value();
          break;
        case "TIME":
          time = f.value();
          break;
        case "NMBR":
          parts.number(f.value());
          break;
        case "NAME":
          parts.name(f.value());
          break;
        case "MESG":
          try {
            parameters(HexFormat.of().parseHex(f.value().replace(" ", "")), parts);
          } catch (IllegalArgumentException | MalformedCallerIdException e) {
            // A MESG the modem could not format and we cannot either: nothing to take from it.
          }
          break;
        default:
          break;
      }
    }
    if (date != null || time != null) {
      parts.dateTime = (date == null ? "" : date) + (time == null ? "" : time);
    }
    return parts.block();
  }

  /** Whether {@code line} looks like an unformatted frame: hex digits starting 04 or 80. */
  public static boolean isFrame(String line) {
    String s = line.strip();
    return s.length() >= 6 && FRAME.matcher(s).matches();
  }

  /**
   * Decodes one SDMF or MDMF frame given as hex digits (type, length, body, checksum).
   *
   * @throws MalformedCallerIdException if it is not hex, the length or checksum is wrong, or a
   *     parameter runs past the end
   */
  public static CallerIdBlock frame(String hex) throws MalformedCallerIdException {
    byte[] b;
    try {
      b = HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      throw new MalformedCallerIdException("caller-ID frame is not hex: " + hex);
    }
    if (b.length < 3) {
      throw new MalformedCallerIdException("caller-ID frame is too short: " + b.length + " bytes");
    }
    int length = b[1] & 0xff;
    if (b.length != length + 3) {
      throw new MalformedCallerIdException("caller-ID frame says " + length
          + " bytes of body but has " + (b.length - 3));
    }
    int sum = 0;
    for (byte x : b) {
      sum += x & 0xff;
    }
    if ((sum & 0xff) != 0) {
      throw new MalformedCallerIdException(String.format(
          "caller-ID frame checksum is wrong: bytes sum to 0x%02x, not 0", sum & 0xff));
    }
    byte[] body = java.util.Arrays.copyOfRange(b, 2, b.length - 1);
    Parts parts = new Parts();
    int type = b[0] & 0xff;
    if (type == SDMF) {
      if (body.length < 9) {
        throw new MalformedCallerIdException("SDMF body too short for date, time and number");
      }
      parts.dateTime = new String(body, 0, 8, ISO_8859_1);
      parts.number(new String(body, 8, body.length - 8, ISO_8859_1));
    } else if (type == MDMF) {
      parameters(body, parts);
    } else {
      throw new MalformedCallerIdException(String.format("not SDMF or MDMF: type 0x%02x", type));
    }
    return parts.block();
  }

  private static void parameters(byte[] body, Parts parts) throws MalformedCallerIdException {
    int i = 0;
    while (i < body.length) {
      if (i + 2 > body.length) {
        throw new MalformedCallerIdException("MDMF parameter header runs past the end");
      }
      int type = body[i] & 0xff;
      int len = body[i + 1] & 0xff;
      if (i + 2 + len > body.length) {
        throw new MalformedCallerIdException(
            String.format("MDMF parameter 0x%02x of %d bytes runs past the end", type, len));
      }
      String value = new String(body, i + 2, len, ISO_8859_1);
      switch (type) {
        case PARAM_DATE_TIME:
          parts.dateTime = value;
          break;
        case PARAM_NUMBER:
        case PARAM_NUMBER_ABSENT:
          parts.number(value);
          break;
        case PARAM_NAME:
        case PARAM_NAME_ABSENT:
          parts.name(value);
          break;
        default:
          break;
      }
      i += 2 + len;
    }
  }

  /** What has been read of one block so far. */
  private static final class Parts {
    String dateTime;
    Presentation presentation;
    String number;
    String name;

    /** A number, or the reason it is absent ("P" private, "O" out of area). */
    void number(String value) {
      String v = value.strip();
      if (v.equalsIgnoreCase("P")) {
        presentation = Presentation.WITHHELD;
        number = null;
      } else if (v.equalsIgnoreCase("O") || v.isEmpty()) {
        presentation = Presentation.UNAVAILABLE;
        number = null;
      } else {
        presentation = Presentation.AVAILABLE;
        number = v;
      }
    }

    void name(String value) {
      String v = value.strip();
      name = v.isEmpty() || v.equalsIgnoreCase("P") || v.equalsIgnoreCase("O") ? null : v;
    }

    CallerIdBlock block() {
      return new CallerIdBlock(dateTime,
          presentation == null ? Presentation.UNAVAILABLE : presentation, number, name);
    }
  }
}
