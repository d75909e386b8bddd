package org.connectivitybox.hal.serial;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.connectivitybox.hal.serial.SerialLineException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("socat")
@Timeout(30)
class JSerialCommLineTest {
  @TempDir Path dir;
  private SocatPtyPair pair;
  private SerialLine a;
  private SerialLine b;

  @BeforeEach
  void startSocat() throws Exception {
    pair = SocatPtyPair.start(dir);
    a = SerialLines.open(pair.a.toString());
    b = SerialLines.open(pair.b.toString());
  }

  @AfterEach
  void stopSocat() throws Exception {
    a.close();
    b.close();
    pair.close();
  }

  @Test
  void bytesTravelBothWays() throws Exception {
    a.write("ATZ\r".getBytes(US_ASCII));
    assertEquals("ATZ\r", readAll(b, 4));
    b.write("\r\nOK\r\n".getBytes(US_ASCII));
    assertEquals("\r\nOK\r\n", readAll(a, 6));
  }

  @Test
  void allByteValuesPassUnchanged() throws Exception {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    a.write(all);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < 256) {
      ReadResult r = b.read(512, Duration.ofSeconds(5));
      got.write(assertInstanceOf(ReadResult.Data.class, r).bytes());
    }
    assertArrayEquals(all, got.toByteArray());
  }

  @Test
  void aReadWithNothingToReadTimesOut() throws Exception {
    long start = System.nanoTime();
    ReadResult r = a.read(64, Duration.ofMillis(200));
    assertEquals(new ReadResult.TimedOut(Duration.ofMillis(200)), r);
    assertFalse(System.nanoTime() - start < 150_000_000L, "returned before the timeout");
  }

  @Test
  void aPseudoTerminalReportsNoStatusLinesAndNoDtr() throws Exception {
    assertEquals(ModemStatus.UNKNOWN, a.status());
    a.setRts(true);
    assertEquals(Kind.IO, assertThrows(SerialLineException.class, () -> a.setDtr(false)).kind());
  }

  @Test
  void aClosedLineRefusesEveryCall() throws Exception {
    a.close();
    a.close();
    assertFalse(a.isOpen());
    assertEquals(Kind.CLOSED,
        assertThrows(SerialLineException.class, () -> a.write(new byte[] {1})).kind());
    assertEquals(Kind.CLOSED,
        assertThrows(SerialLineException.class, () -> a.read(1, Duration.ofMillis(1))).kind());
    assertEquals(Kind.CLOSED, assertThrows(SerialLineException.class, a::status).kind());
  }

  @Test
  void aDeviceHeldByAnotherOpenIsBusy() {
    SerialLineException e = assertThrows(SerialLineException.class,
        () -> SerialLines.open(pair.a.toString()));
    assertEquals(Kind.BUSY, e.kind(), e.getMessage());
  }

  @Test
  void aMissingDeviceIsNotFound() {
    SerialLineException e = assertThrows(SerialLineException.class,
        () -> SerialLines.open(dir.resolve("ttyUSB9").toString()));
    assertEquals(Kind.NOT_FOUND, e.kind());
    assertEquals("no serial device at " + dir.resolve("ttyUSB9"), e.getMessage());
  }

  private static String readAll(SerialLine line, int count) throws Exception {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    while (got.size() < count) {
      ReadResult r = line.read(64, Duration.ofSeconds(5));
      got.write(assertInstanceOf(ReadResult.Data.class, r, "timed out after " + got).bytes());
    }
    return got.toString(US_ASCII);
  }
}
