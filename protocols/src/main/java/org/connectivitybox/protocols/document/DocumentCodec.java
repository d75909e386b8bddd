package org.connectivitybox.protocols.document;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.connectivitybox.protocols.codec.MalformedMessageException;

/**
 * The byte form of a {@link Document} that the data-transfer protocol carries and digests
 * ({@code docs/data-transfer.md} §5): a header with every page's descriptor, then the pages'
 * data in order. Pure and deterministic: the same document always gives the same bytes, so a
 * sender that resumes after a restart sends what it sent before.
 *
 * <pre>
 *   "CBDC"  version:u8 = 1  pageCount:u16
 *   pageCount × { encoding:u8  dpi:u16  width:u16  height:u16  length:u32 }
 *   page 1 data ‖ page 2 data ‖ …                      (all integers big-endian)
 * </pre>
 */
public final class DocumentCodec {
  /** The first four bytes of every encoded document. */
  public static final byte[] MAGIC = {'C', 'B', 'D', 'C'};
  /** The format version written and the only one read. */
  public static final int VERSION = 1;
  /** Bytes before the first page descriptor. */
  public static final int FIXED_HEADER = 7;
  /** Bytes of one page descriptor. */
  public static final int DESCRIPTOR = 11;

  private DocumentCodec() {}

  /** The document's bytes. */
  public static byte[] encode(Document document) {
    List<Page> pages = document.pages();
    long size = headerSize(pages.size());
    for (Page p : pages) {
      size += p.size();
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("document of " + size + " bytes is too large to encode");
    }
    ByteBuffer b = ByteBuffer.allocate((int) size);
    b.put(MAGIC).put((byte) VERSION).putShort((short) pages.size());
    for (Page p : pages) {
      b.put((byte) p.encoding().code()).putShort((short) p.dpi()).putShort((short) p.width())
          .putShort((short) p.height()).putInt(p.size());
    }
    for (Page p : pages) {
      b.put(p.data());
    }
    return b.array();
  }

  /**
   * The document in {@code bytes}.
   *
   * @throws MalformedMessageException naming the first thing that is wrong
   */
  public static Document decode(byte[] bytes) throws MalformedMessageException {
    long[] ends = pageEnds(bytes, bytes.length);
    if (ends == null) {
      throw new MalformedMessageException("document: header truncated at " + bytes.length
          + " bytes");
    }
    long expected = ends[ends.length - 1];
    if (bytes.length != expected) {
      throw new MalformedMessageException("document: the header describes " + expected
          + " bytes but there are " + bytes.length);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    b.position(FIXED_HEADER);
    List<Page> pages = new ArrayList<>(ends.length);
    int offset = headerSize(ends.length);
    for (int i = 0; i < ends.length; i++) {
      PageEncoding encoding = PageEncoding.ofCode(b.get() & 0xFF);
      int dpi = b.getShort() & 0xFFFF;
      int width = b.getShort() & 0xFFFF;
      int height = b.getShort() & 0xFFFF;
      int length = b.getInt();
      byte[] data = new byte[length];
      System.arraycopy(bytes, offset, data, 0, length);
      offset += length;
      try {
        pages.add(new Page(encoding, dpi, width, height, data));
      } catch (IllegalArgumentException e) {
        throw new MalformedMessageException("document: page " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new Document(pages);
  }

  /**
   * Where each page ends, as offsets from the start of the document (the last one is the
   * document's size), read from the first {@code available} bytes of {@code prefix}; null while
   * the header is not complete. The receiver uses it to count whole pages as chunks arrive.
   *
   * @throws MalformedMessageException if the header, as far as it goes, is not a document header
   */
  public static long[] pageEnds(byte[] prefix, int available) throws MalformedMessageException {
    int n = Math.min(available, prefix.length);
    for (int i = 0; i < Math.min(n, MAGIC.length); i++) {
      if (prefix[i] != MAGIC[i]) {
        throw new MalformedMessageException("document: does not start with \"CBDC\"");
      }
    }
    if (n > 4 && (prefix[4] & 0xFF) != VERSION) {
      throw new MalformedMessageException("document: version " + (prefix[4] & 0xFF)
          + " is not supported (only " + VERSION + ")");
    }
    if (n < FIXED_HEADER) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(prefix, 0, n);
    b.position(5);
    int count = b.getShort() & 0xFFFF;
    if (count < 1 || count > Document.MAX_PAGES) {
      throw new MalformedMessageException("document: page count " + count + " is outside 1.."
          + Document.MAX_PAGES);
    }
    if (n < headerSize(count)) {
      return null;
    }
    long[] ends = new long[count];
    long end = headerSize(count);
    for (int i = 0; i < count; i++) {
      int code = b.get() & 0xFF;
      if (PageEncoding.ofCode(code) == null) {
        throw new MalformedMessageException("document: page " + (i + 1) + ": unknown encoding "
            + code);
      }
      b.position(b.position() + 6);
      long length = b.getInt() & 0xFFFF_FFFFL;
      if (length < 1 || length > Page.MAX_DATA) {
        throw new MalformedMessageException("document: page " + (i + 1) + ": length " + length
            + " is outside 1.." + Page.MAX_DATA);
      }
      end += length;
      ends[i] = end;
    }
    return ends;
  }

  /** How many bytes the header of a document of {@code pageCount} pages takes. */
  public static int headerSize(int pageCount) {
    return FIXED_HEADER + DESCRIPTOR * pageCount;
  }

  /** The SHA-256 digest of {@code bytes} (32 bytes). */
  public static byte[] sha256(byte[] bytes) {
    return newSha256().digest(bytes);
  }

  /** A fresh SHA-256 digester. */
  public static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
