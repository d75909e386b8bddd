package org.connectivitybox.pstnsim.exchange;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The caller-ID block the exchange sends to a ringing line between the first and second ring,
 * and its two renderings: the formatted lines of {@code +VCID=1} and the raw MDMF frame of
 * {@code +VCID=2}. Pure: no clock, no I/O.
 *
 * @param number the calling number; ignored unless {@code presentation} is AVAILABLE
 * @param name the calling name, or null if none is sent
 */
public record CallerId(LocalDateTime at, Presentation presentation, String number, String name) {
  private static final int MDMF = 0x80;
  private static final int DATE_TIME = 0x01;
  private static final int NUMBER = 0x02;
  private static final int NUMBER_ABSENT = 0x04;
  private static final int NAME = 0x07;

  public CallerId {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(presentation, "presentation");
    if (presentation == Presentation.AVAILABLE && (number == null || number.isEmpty())) {
      throw new IllegalArgumentException("an available number must be given");
    }
  }

  /** The formatted lines, without framing: {@code DATE = MMDD}, {@code TIME = HHMM}, NMBR, NAME. */
  public List<String> formattedLines() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("DATE = %02d%02d", at.getMonthValue(), at.getDayOfMonth()));
    lines.add(String.format("TIME = %02d%02d", at.getHour(), at.getMinute()));
    lines.add("NMBR = " + numberField());
    if (name != null) {
      lines.add("NAME = " + name);
    }
    return lines;
  }

  private String numberField() {
    return switch (presentation) {
      case AVAILABLE -> number;
      case WITHHELD -> "P";
      case UNAVAILABLE -> "O";
    };
  }

  /**
   * The MDMF frame (message type 0x80, length, parameters, checksum) whose bytes, checksum
   * included, sum to zero modulo 256.
   */
  public byte[] mdmf() {
    ByteArrayOutputStream params = new ByteArrayOutputStream();
    param(params, DATE_TIME, String.format("%02d%02d%02d%02d",
        at.getMonthValue(), at.getDayOfMonth(), at.getHour(), at.getMinute()));
    if (presentation == Presentation.AVAILABLE) {
      param(params, NUMBER, number);
    } else {
      param(params, NUMBER_ABSENT, numberField());
    }
    if (name != null) {
      param(params, NAME, name);
    }
    byte[] body = params.toByteArray();
    if (body.length > 255) {
      throw new IllegalStateException("caller ID too long for one MDMF frame");
    }
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(MDMF);
    frame.write(body.length);
    frame.writeBytes(body);
    int sum = 0;
    for (byte b : frame.toByteArray()) {
      sum += b & 0xff;
    }
    frame.write((-sum) & 0xff);
    return frame.toByteArray();
  }

  /** The MDMF frame as one line of upper-case hex digits, as {@code +VCID=2} reports it. */
  public String mdmfHex() {
    return HexFormat.of().withUpperCase().formatHex(mdmf());
  }

  private static void param(ByteArrayOutputStream out, int type, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    out.write(type);
    out.write(Math.min(bytes.length, 80));
    out.write(bytes, 0, Math.min(bytes.length, 80));
  }
}
