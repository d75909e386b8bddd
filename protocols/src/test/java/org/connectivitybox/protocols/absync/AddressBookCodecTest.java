package org.connectivitybox.protocols.absync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.junit.jupiter.api.Test;

class AddressBookCodecTest {
  @Test
  void aBookSurvivesTheWire() throws Exception {
    AddressBookDownload d = new AddressBookDownload(3, List.of(
        new AddressBookDownload.Entry(CbName.of("jo-home"), "Uncle Jo"),
        new AddressBookDownload.Entry(CbName.of("bakery-1"), "Bakery")));
    assertEquals(d, AddressBookCodec.decode(AddressBookCodec.encode(d)));
  }

  @Test
  void garbageIsRefusedNamingTheField() {
    assertEquals("ABGET response: field 'sequenceNumber' is missing",
        fails("{\"entries\":[]}"));
    assertEquals("ABGET response: field 'entries' must be an array",
        fails("{\"sequenceNumber\":1,\"entries\":{}}"));
    assertEquals("ABGET response entry 1: field 'friendlyName' is missing",
        fails("{\"sequenceNumber\":1,\"entries\":[{\"cbName\":\"jo\"}]}"));
    assertEquals("ABGET response entry 1: field 'cbName' is invalid: "
        + invalidName("Not A Name"),
        fails("{\"sequenceNumber\":1,\"entries\":[{\"cbName\":\"Not A Name\","
            + "\"friendlyName\":\"x\"}]}"));
  }

  static String invalidName(String n) {
    try {
      CbName.of(n);
      return "";
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  static String fails(String json) {
    return assertThrows(MalformedMessageException.class,
        () -> AddressBookCodec.decode(json.getBytes(StandardCharsets.UTF_8))).getMessage();
  }
}
