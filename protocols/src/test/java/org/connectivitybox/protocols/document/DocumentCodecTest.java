package org.connectivitybox.protocols.document;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {
  static final Page A = new Page(PageEncoding.CCITT_G4, 200, 1654, 2339, new byte[] {1, 2, 3});
  static final Page B = new Page(PageEncoding.JPEG, 300, 10, 20, new byte[] {9, 8, 7, 6, 5});

  @Test
  void aDocumentEncodesToTheDocumentedBytesAndBack() throws Exception {
    byte[] bytes = DocumentCodec.encode(Document.of(A, B));
    assertArrayEquals(new byte[] {'C', 'B', 'D', 'C', 1, 0, 2,
        1, 0, (byte) 200, 0x06, 0x76, 0x09, 0x23, 0, 0, 0, 3,
        2, 0x01, 0x2C, 0, 10, 0, 20, 0, 0, 0, 5,
        1, 2, 3, 9, 8, 7, 6, 5}, bytes);
    assertEquals(Document.of(A, B), DocumentCodec.decode(bytes));
    assertArrayEquals(new long[] {32, 37}, DocumentCodec.pageEnds(bytes, bytes.length));
    assertNull(DocumentCodec.pageEnds(bytes, 20), "header not complete yet");
    assertEquals(32, DocumentCodec.sha256(bytes).length);
  }

  @Test
  void garbageIsRejectedWithAPreciseMessage() {
    byte[] good = DocumentCodec.encode(Document.of(A, B));
    rejects(new byte[] {'X', 'B', 'D', 'C'}, "does not start with");
    rejects(new byte[] {'C', 'B', 'D', 'C', 2, 0, 1}, "version 2");
    rejects(new byte[] {'C', 'B', 'D', 'C', 1, 0, 0}, "page count 0");
    byte[] badEncoding = good.clone();
    badEncoding[7] = 9;
    rejects(badEncoding, "page 1: unknown encoding 9");
    rejects(Arrays.copyOf(good, good.length - 1), "describes 37 bytes but there are 36");
    rejects(Arrays.copyOf(good, good.length + 1), "describes 37 bytes but there are 38");
    rejects(Arrays.copyOf(good, 12), "header truncated");
    byte[] zeroDpi = good.clone();
    zeroDpi[8] = 0;
    zeroDpi[9] = 0;
    rejects(zeroDpi, "page 1: page dpi 0");
  }

  static void rejects(byte[] bytes, String expected) {
    MalformedMessageException e =
        assertThrows(MalformedMessageException.class, () -> DocumentCodec.decode(bytes));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
