package org.connectivitybox.hal.printer.ipp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class IppPrinterConfigTest {

  @Test
  void anIppUriIsPostedOverHttpOnPort631UnlessItSaysOtherwise() {
    IppPrinterConfig cups = IppPrinterConfig.of(URI.create("ipp://localhost/printers/box"));
    assertEquals(URI.create("http://localhost:631/printers/box"), cups.httpUri());
    assertEquals(URI.create("ipp://localhost:631/printers/box"), cups.ippUri());
    IppPrinterConfig usb = IppPrinterConfig.of(URI.create("ipps://127.0.0.1:60000/ipp/print"));
    assertEquals(URI.create("https://127.0.0.1:60000/ipp/print"), usb.httpUri());
  }

  @Test
  void anHttpUriIsPostedAsItIsAndNamedAsIppInTheRequest() {
    IppPrinterConfig http = IppPrinterConfig.of(URI.create("http://127.0.0.1:8631/ipp/print"));
    assertEquals(URI.create("http://127.0.0.1:8631/ipp/print"), http.httpUri());
    assertEquals(URI.create("ipp://127.0.0.1:8631/ipp/print"), http.ippUri());
  }

  @Test
  void otherSchemesAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> IppPrinterConfig.of(URI.create("socket://127.0.0.1:9100")));
  }
}
