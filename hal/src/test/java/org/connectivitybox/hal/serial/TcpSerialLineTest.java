package org.connectivitybox.hal.serial;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.connectivitybox.hal.serial.SerialLineException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpSerialLineTest {
  private ServerSocket server;
  private SerialLine line;
  private Socket modem;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    server.setSoTimeout(5000);
    line = SerialLines.open("tcp:127.0.0.1:" + server.getLocalPort());
    modem = server.accept();
    modem.setSoTimeout(5000);
  }

  @AfterEach
  void stop() throws IOException {
    line.close();
    modem.close();
    server.close();
  }

  @Test
  void bytesTravelBothWaysAndStatusIsUnknown() throws Exception {
    line.write("AT\r".getBytes(US_ASCII));
    assertEquals("AT\r", new String(modem.getInputStream().readNBytes(3), US_ASCII));
    modem.getOutputStream().write("\r\nOK\r\n".getBytes(US_ASCII));
    ReadResult r = line.read(64, Duration.ofSeconds(5));
    assertEquals("\r\nOK\r\n",
        new String(assertInstanceOf(ReadResult.Data.class, r).bytes(), US_ASCII));
    assertEquals(ModemStatus.UNKNOWN, line.status());
  }

  @Test
  void aQuietLineTimesOut() throws Exception {
    assertInstanceOf(ReadResult.TimedOut.class, line.read(64, Duration.ofMillis(50)));
  }

  @Test
  void droppingDtrClosesTheConnectionAndRaisingItReconnects() throws Exception {
    line.setDtr(false);
    assertEquals(-1, modem.getInputStream().read());
    assertEquals(Kind.CLOSED,
        assertThrows(SerialLineException.class, () -> line.write(new byte[] {1})).kind());
    line.setDtr(true);
    try (Socket again = server.accept()) {
      line.write(new byte[] {'A'});
      assertEquals('A', again.getInputStream().read());
    }
  }

  @Test
  void theFarEndClosingIsClosed() throws Exception {
    modem.close();
    assertEquals(Kind.CLOSED, assertThrows(SerialLineException.class,
        () -> line.read(64, Duration.ofSeconds(5))).kind());
  }

  @Test
  void nothingListeningIsNotFound() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertEquals(Kind.NOT_FOUND, assertThrows(SerialLineException.class,
        () -> SerialLines.open("tcp:127.0.0.1:" + port)).kind());
  }

  @Test
  void aMalformedSpecIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> SerialLines.open("tcp:127.0.0.1"));
    assertThrows(IllegalArgumentException.class, () -> SerialLines.open("tcp:127.0.0.1:99999"));
  }
}
