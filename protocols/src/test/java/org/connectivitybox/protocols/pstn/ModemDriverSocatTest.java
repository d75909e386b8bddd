package org.connectivitybox.protocols.pstn;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.hal.serial.ReadResult;
import org.connectivitybox.hal.serial.SerialLine;
import org.connectivitybox.hal.serial.SerialLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver on a real pseudo-terminal (jSerialComm) with real time; the test plays the modem on
 * the other end of a socat pty pair.
 */
@Tag("socat")
@Timeout(30)
class ModemDriverSocatTest {
  private static final ModemSettings FAST = new ModemSettings(Duration.ofSeconds(5),
      Duration.ofMillis(200), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(20));

  @TempDir Path dir;
  private Process socat;
  private SystemModemTime time;
  private ModemDriver driver;
  private SerialLine modem;

  @BeforeEach
  void start() throws Exception {
    Path a = dir.resolve("box");
    Path b = dir.resolve("modem");
    socat = new ProcessBuilder("/usr/bin/socat", "-d", "-d", "pty,raw,echo=0,link=" + a,
        "pty,raw,echo=0,link=" + b).redirectErrorStream(true)
        .redirectOutput(dir.resolve("socat.log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (System.nanoTime() > deadline) {
        throw new IOException("socat made no ptys: " + Files.readString(dir.resolve("socat.log")));
      }
      Thread.sleep(20);
    }
    time = new SystemModemTime();
    driver = ModemDriver.start(SerialLines.open(a.toString()), ModemProfile.GENERIC, time, FAST);
    modem = SerialLines.open(b.toString());
  }

  @AfterEach
  void stop() throws Exception {
    driver.close();
    modem.close();
    time.close();
    socat.destroy();
    if (!socat.waitFor(5, TimeUnit.SECONDS)) {
      socat.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  /**
   * <pre>
   *   ATZ, ATE0V1Q0X4&C1&D2S0=0, AT+VCID=1 ──► ◄── OK each
   *   ATDT08005550100 ──► ◄── CONNECT 33600
   *   ◄── "NAP test READY\r\n" ; "LOGIN u p\r\n" ──►
   *   (200 ms guard) +++ (200 ms guard) ◄── OK ; ATH ──► ◄── OK
   * </pre>
   */
  @Test
  void initDialDataAndHangUpOverAPseudoTerminal() throws Exception {
    Thread modemSide = new Thread(() -> {
      try {
        for (String expected : new String[] {"ATZ\r", "ATE0V1Q0X4&C1&D2S0=0\r", "AT+VCID=1\r"}) {
          assertEquals(expected, read(expected.length()));
          say("\r\nOK\r\n");
        }
        assertEquals("ATDT08005550100\r", read(16));
        say("\r\nCONNECT 33600\r\nNAP test READY\r\n");
        assertEquals("LOGIN u p\r\n", read(11));
        assertEquals("+++", read(3));
        Thread.sleep(200);
        say("\r\nOK\r\n");
        assertEquals("ATH\r", read(4));
        say("\r\nOK\r\n");
      } catch (Exception | AssertionError e) {
        failure = e;
      }
    }, "modem side");
    modemSide.start();
    assertEquals(new ModemCapabilities(true, false), driver.initialise());
    DialOutcome outcome = driver.dial(DialString.tone("08005550100"), Duration.ofSeconds(10));
    assertEquals(new DialOutcome(DialOutcome.Kind.CONNECTED, 33600), outcome);
    DataCall call = driver.dataCall().orElseThrow();
    call.readTimeout(Duration.ofSeconds(5));
    assertEquals("NAP test READY\r\n", new String(call.input().readNBytes(16), US_ASCII));
    call.output().write("LOGIN u p\r\n".getBytes(US_ASCII));
    driver.hangUp();
    modemSide.join(10_000);
    if (failure != null) {
      throw new AssertionError("the modem side failed", failure);
    }
    assertEquals(ModemState.COMMAND, driver.state());
  }

  private volatile Throwable failure;

  private String read(int n) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < n) {
      ReadResult r = modem.read(n - got.size(), Duration.ofSeconds(5));
      got.write(assertInstanceOf(ReadResult.Data.class, r, "the box sent only " + got).bytes());
    }
    return got.toString(US_ASCII);
  }

  private void say(String s) throws IOException {
    modem.write(s.getBytes(US_ASCII));
  }
}
