package org.connectivitybox.pstnsim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.connectivitybox.pstnsim.modem.AtCommand;
import org.connectivitybox.pstnsim.modem.AtParser;
import org.connectivitybox.pstnsim.modem.AtSyntaxException;
import org.connectivitybox.pstnsim.modem.DialString;
import org.junit.jupiter.api.Test;

/** Splitting command lines and dial strings, without a modem. */
class AtParserTest {
  @Test
  void splitsBasicRegisterExtendedAndDialCommands() throws Exception {
    assertEquals(List.of(new AtCommand.Basic("&F", -1), new AtCommand.Basic("E", 0),
            new AtCommand.SetRegister(0, 2), new AtCommand.QueryRegister(7),
            new AtCommand.Extended("+VCID", "1", false), new AtCommand.Extended("+VDR", null, true),
            new AtCommand.Dial("T 0845,1")),
        AtParser.parse("&fe0 s0=2s7?+vcid=1;+VDR?dT 0845,1"));
  }

  @Test
  void malformedLinesAreSyntaxErrors() {
    assertThrows(AtSyntaxException.class, () -> AtParser.parse("S=1"));
    assertThrows(AtSyntaxException.class, () -> AtParser.parse("S7"));
    assertThrows(AtSyntaxException.class, () -> AtParser.parse("E!"));
    assertThrows(AtSyntaxException.class, () -> AtParser.parse("&"));
  }

  @Test
  void dialStringsKeepTheNumberAndCountPauses() throws Exception {
    assertEquals(new DialString("90845001", 2), DialString.parse("T9,,W0845-001"));
    assertEquals(new DialString("+44*31#", 0), DialString.parse("+44 *31#"));
    assertThrows(AtSyntaxException.class, () -> DialString.parse("123;"));
    assertThrows(AtSyntaxException.class, () -> DialString.parse("T,,"));
  }
}
