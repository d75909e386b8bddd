package org.connectivitybox.pstnsim;

import org.connectivitybox.protocols.pstn.ResultCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AT commands and result codes on one line, over real TCP:
 * <pre>
 *   test ── "AT...\r" ──▶ modem      test ◀── "\r\nOK\r\n" ── modem
 * </pre>
 */
class ModemCommandTest {
  private Simulator sim;
  private AtClient dte;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.start(TestConfigs.lines(TestConfigs.line("1001")));
    dte = new AtClient(sim.port("1001"));
  }

  @AfterEach
  void stop() throws Exception {
    dte.close();
    sim.close();
  }

  @Test
  void atAnswersOkAndEchoesByDefault() throws Exception {
    assertEquals("AT\r\r\nOK\r\n", dte.command("AT"));
  }

  @Test
  void echoOffStopsTheEcho() throws Exception {
    dte.command("ATE0");
    assertEquals("\r\nOK\r\n", dte.command("AT"));
  }

  @Test
  void chainedCommandsRunInOrderAndAnswerOnce() throws Exception {
    assertEquals("AT&FE0V1Q0&C1&D2\r\r\nOK\r\n", dte.command("AT&FE0V1Q0&C1&D2"));
    assertEquals("\r\nOK\r\n", dte.command("at+vcid=1;+vdr=1,0"));
    assertEquals("\r\n+VCID: 1\r\n\r\nOK\r\n", dte.command("AT+VCID?"));
    assertEquals("\r\n+VDR: 1,0\r\n\r\nOK\r\n", dte.command("AT+VDR?"));
  }

  @Test
  void numericResultCodesWithV0() throws Exception {
    dte.command("ATE0");
    dte.send("ATV0\r");
    assertEquals("0\r", dte.await("0\r"));
    dte.send("ATFOO\r");
    assertEquals("4\r", dte.await("4\r"));
  }

  @Test
  void quietModeSendsNoResultCodes() throws Exception {
    dte.command("ATE0");
    dte.send("ATQ1\r");
    dte.send("AT\r");
    dte.send("ATQ0\r");
    assertEquals("\r\nOK\r\n", dte.await("\r\nOK\r\n"));
    assertEquals("", dte.pending());
  }

  @Test
  void unknownCommandsAndBadValuesAnswerError() throws Exception {
    dte.command("ATE0");
    assertEquals("\r\nERROR\r\n", dte.command("ATY"));
    assertEquals("\r\nERROR\r\n", dte.command("ATE5"));
    assertEquals("\r\nERROR\r\n", dte.command("AT+VCID=7"));
    assertEquals("\r\nERROR\r\n", dte.command("AT+FOO=1"));
    assertEquals("\r\nERROR\r\n", dte.command("AT" + "E0".repeat(40)));
  }

  @Test
  void sRegistersAreSetAndReported() throws Exception {
    dte.command("ATE0");
    assertEquals("\r\nOK\r\n", dte.command("ATS0=3"));
    assertEquals("\r\n003\r\n\r\nOK\r\n", dte.command("ATS0?"));
    assertEquals("\r\n050\r\n\r\nOK\r\n", dte.command("ATS7?"));
  }

  @Test
  void resetRestoresTheDefaults() throws Exception {
    dte.command("ATE0S0=2+VCID=1");
    assertEquals("\r\nOK\r\n", dte.command("ATZ")); // echoed before the reset
    assertEquals("ATS0?\r\r\n000\r\n\r\nOK\r\n", dte.command("ATS0?"));
  }

  @Test
  void identificationNamesTheLine() throws Exception {
    dte.command("ATE0");
    String text = dte.command("ATI3");
    assertTrue(text.contains("line 1001, 33600 bit/s"), text);
  }

  @Test
  void linesNotStartingWithAtAreIgnoredAndBackspaceEdits() throws Exception {
    dte.command("ATE0");
    dte.send("hello\r");
    assertEquals("\r\nOK\r\n", dte.command("ATX\b"));
  }

  @Test
  void answeringWithoutARingingCallIsNoCarrier() throws Exception {
    dte.command("ATE0");
    assertEquals("\r\nNO CARRIER\r\n", dte.command("ATA"));
    assertEquals("\r\nNO CARRIER\r\n", dte.command("ATO"));
  }

  @Test
  void dialStringsWithoutANumberAreErrors() throws Exception {
    dte.command("ATE0");
    assertEquals("\r\nERROR\r\n", dte.command("ATDT"));
    assertEquals("\r\nERROR\r\n", dte.command("ATDT123;"));
  }

  @Test
  void aSecondComputerIsTurnedAway() throws Exception {
    dte.command("AT");
    try (AtClient second = new AtClient(sim.port("1001"))) {
      assertTrue(second.closedByPeer(Duration.ofSeconds(5)));
    }
    assertEquals("AT\r\r\nOK\r\n", dte.command("AT"));
  }

  @Test
  void dtrDropResetsTheModem() throws Exception {
    dte.command("ATE0S0=2");
    dte.close();
    dte = new AtClient(sim.port("1001")); // reconnecting at once is allowed
    assertEquals("ATS0?\r\r\n000\r\n\r\nOK\r\n", dte.command("ATS0?"));
  }
}
