package org.connectivitybox.protocols.ppp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.connectivitybox.protocols.ppp.internal.NapCodec;
import org.connectivitybox.protocols.ppp.internal.NapLineReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("NAP lines (docs/pstn.md section 3)")
class NapCodecTest {

  @Test
  void theNapsThreeLinesParse() throws Exception {
    assertEquals(new NapCodec.Ready("pstn-sim-nap1"), NapCodec.parse("NAP pstn-sim-nap1 READY"));
    assertEquals(new NapCodec.Address(InetAddress.getByName("127.1.0.7"),
        InetAddress.getByName("127.0.0.1")), NapCodec.parse("ADDRESS 127.1.0.7 127.0.0.1"));
    assertEquals(new NapCodec.Rejected("account suspended"),
        NapCodec.parse("REJECTED account suspended"));
  }

  @Test
  void anythingOffTheGrammarIsRefused() {
    for (String bad : new String[] {"nap x READY", "NAP x READY ", "NAP READY", "ADDRESS 127.1.0.7",
        "ADDRESS 127.1.0.07 127.0.0.1", "ADDRESS 127.1.0.7 localhost", "ADDRESS  127.1.0.7 127.0.0.1",
        "REJECTED", "LOGIN a b", "OK"}) {
      NapProtocolException e = assertThrows(NapProtocolException.class, () -> NapCodec.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void theBoxsLinesAreCrLfTerminated() {
    assertEquals("LOGIN u p\r\n", new String(NapCodec.login(new Credentials("u", "p")),
        StandardCharsets.US_ASCII));
    assertEquals("LOGOUT\r\n", new String(NapCodec.logout(), StandardCharsets.US_ASCII));
  }

  @Test
  void onlyLoopbackAddressesAreBoxAddresses() throws Exception {
    assertTrue(NapCodec.isLoopback127(InetAddress.getByName("127.255.0.1")));
    assertFalse(NapCodec.isLoopback127(InetAddress.getByName("128.0.0.1")));
  }

  @Test
  void linesEndAtCrLfLfOrCrAndAPartialLineIsLostAtEndOfStream() throws Exception {
    NapLineReader r = new NapLineReader(new ByteArrayInputStream(
        "a\r\nb\nc\r\r\n\nd\re".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("a", r.next());
    assertEquals("b", r.next());
    assertEquals("c", r.next());
    assertEquals("d", r.next());
    assertNull(r.next());
  }

  @Test
  void anOverlongLineIsRefused() {
    NapLineReader r = new NapLineReader(new ByteArrayInputStream(
        "x".repeat(NapLineReader.MAX_LINE + 1).getBytes(StandardCharsets.US_ASCII)));
    NapProtocolException e = assertThrows(NapProtocolException.class, r::next);
    assertEquals("line longer than 256 characters: '" + "x".repeat(40) + "...'", e.getMessage());
  }
}
