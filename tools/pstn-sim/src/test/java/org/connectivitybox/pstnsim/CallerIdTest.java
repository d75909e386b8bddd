package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.util.List;
import org.connectivitybox.pstnsim.exchange.CallerId;
import org.connectivitybox.pstnsim.exchange.Presentation;
import org.junit.jupiter.api.Test;

/** Caller ID renderings: formatted lines and the MDMF frame with its checksum. */
class CallerIdTest {
  private static final LocalDateTime AT = LocalDateTime.of(2026, 11, 25, 14, 12);

  @Test
  void formattedLinesFollowTheContract() {
    CallerId id = new CallerId(AT, Presentation.AVAILABLE, "08005550100", "CSS WAKEUP");
    assertEquals(List.of("DATE = 1125", "TIME = 1412", "NMBR = 08005550100", "NAME = CSS WAKEUP"),
        id.formattedLines());
  }

  @Test
  void withheldAndUnavailableNumbersArePAndO() {
    assertEquals("NMBR = P",
        new CallerId(AT, Presentation.WITHHELD, null, null).formattedLines().get(2));
    assertEquals("NMBR = O",
        new CallerId(AT, Presentation.UNAVAILABLE, null, null).formattedLines().get(2));
  }

  @Test
  void mdmfFrameIsTypeLengthParametersAndChecksum() {
    // 80 len | 01 08 "11251412" | 02 04 "1001" | checksum
    String hex = new CallerId(AT, Presentation.AVAILABLE, "1001", null).mdmfHex();
    assertEquals("8010" + "0108" + "3131323531343132" + "0204" + "31303031", hex.substring(0, 36));
    int sum = 0;
    for (int i = 0; i < hex.length(); i += 2) {
      sum += Integer.parseInt(hex.substring(i, i + 2), 16);
    }
    assertEquals(0, sum & 0xff);
    assertEquals(38, hex.length());
  }

  @Test
  void mdmfMarksAWithheldNumberAsAbsent() {
    String hex = new CallerId(AT, Presentation.WITHHELD, null, null).mdmfHex();
    assertEquals("800D" + "0108" + "3131323531343132" + "040150", hex.substring(0, 30));
  }
}
