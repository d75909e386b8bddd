package org.connectivitybox.protocols.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ServiceAddress")
class ServiceAddressTest {

  @ParameterizedTest(name = "\"{0}\" is host {1}, port {2}")
  @CsvSource({
      "css.example.net:8443, css.example.net, 8443",
      "localhost:1, localhost, 1",
      "127.0.0.1:65535, 127.0.0.1, 65535",
      "[::1]:443, ::1, 443",
      "[2001:db8::7]:8443, 2001:db8::7, 8443",
      "a-b.c0:80, a-b.c0, 80"})
  void addressesParseAndPrintBack(String text, String host, int port) {
    ServiceAddress a = ServiceAddress.parse(text);
    assertEquals(new ServiceAddress(host, port), a);
    assertEquals(text, a.toString());
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(delimiter = '|', value = {
      "css.example.net| malformed service address 'css.example.net': use host:port",
      "css.example.net:| malformed service address 'css.example.net:': use host:port",
      ":8443| malformed service address ':8443': use host:port",
      "css:https| malformed port in service address 'css:https'",
      "css:0| malformed port in service address 'css:0'",
      "css:+80| malformed port in service address 'css:+80'",
      "css:0080| malformed port in service address 'css:0080'",
      "999.1.1.1:80| malformed host name '999.1.1.1'",
      "1.2.3:80| malformed host name '1.2.3'",
      "[:::::]:80| malformed host name ':::::'",
      "[css]:80| malformed service address '[css]:80': brackets are for IPv6 literals only",
      "::1:80| malformed service address '::1:80': write an IPv6 literal in brackets, [::1]:8443",
      "css:65536| port out of range 1..65535: 65536",
      "css_1:80| malformed host name 'css_1'",
      "-css:80| malformed host name '-css'",
      "css..net:80| malformed host name 'css..net'",
      "css/x:80| malformed host name 'css/x'"})
  void malformedAddressesAreRefusedWithAPreciseMessage(String text, String message) {
    assertEquals(message,
        assertThrows(IllegalArgumentException.class, () -> ServiceAddress.parse(text)).getMessage());
  }

  @Test
  void aMissingAddressIsRefused() {
    assertEquals("service address is missing",
        assertThrows(IllegalArgumentException.class, () -> ServiceAddress.parse(null)).getMessage());
  }

  @Test
  void aHostNameLongerThan253CharactersIsRefused() {
    String label = "a".repeat(63);
    String host = String.join(".", label, label, label, label); // 255 characters
    assertEquals("malformed host name '" + host + "'",
        assertThrows(IllegalArgumentException.class, () -> new ServiceAddress(host, 80))
            .getMessage());
    String ok = String.join(".", label, label, label, "a".repeat(61)); // 253 characters
    assertEquals(ok, new ServiceAddress(ok, 80).host());
  }

  @Test
  void aLabelLongerThan63CharactersIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> new ServiceAddress("a".repeat(64) + ".net", 80));
  }
}
