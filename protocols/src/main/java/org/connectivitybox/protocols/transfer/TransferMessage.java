package org.connectivitybox.protocols.transfer;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.sendreceive.JobNumber;

/**
 * The frames of the data-transfer protocol ({@code docs/data-transfer.md} §3), one record each,
 * validated on construction ({@link IllegalArgumentException} naming the field). Byte arrays are
 * copied in; {@link Chunk#data()} is not copied out, for speed: do not change it.
 */
public sealed interface TransferMessage {
  /** The protocol version this implementation speaks. */
  int VERSION = 1;
  /** Length of a SHA-256 digest. */
  int DIGEST_LENGTH = 32;
  /** Smallest chunk size a SETUP may ask for. */
  int MIN_CHUNK_SIZE = 512;
  /** Largest chunk size a SETUP may ask for. */
  int MAX_CHUNK_SIZE = 256 * 1024;
  /** Largest detail text in REFUSE and FAILED, in UTF-8 bytes. */
  int MAX_DETAIL = 200;

  /** The frame's type byte. */
  FrameType type();

  /** Sender → receiver, first frame: what is to be transferred, for which job, from where. */
  record Setup(int version, JobNumber job, InetAddress senderAddress, byte[] digest,
      long totalBytes, int pageCount, int chunkSize) implements TransferMessage {
    /** @throws IllegalArgumentException naming the field out of range */
    public Setup {
      Objects.requireNonNull(job, "job");
      Objects.requireNonNull(senderAddress, "senderAddress");
      digest = checkedDigest(digest);
      if (version < 1 || version > 255) {
        throw new IllegalArgumentException("version " + version + " is outside 1..255");
      }
      if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
        throw new IllegalArgumentException("chunk size " + chunkSize + " is outside "
            + MIN_CHUNK_SIZE + ".." + MAX_CHUNK_SIZE);
      }
      if (totalBytes < 1 || (totalBytes + chunkSize - 1) / chunkSize > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("total bytes " + totalBytes + " is outside 1.."
            + (long) Integer.MAX_VALUE * chunkSize + " for chunk size " + chunkSize);
      }
      if (pageCount < 1 || pageCount > Document.MAX_PAGES) {
        throw new IllegalArgumentException("page count " + pageCount + " is outside 1.."
            + Document.MAX_PAGES);
      }
    }

    /** How many chunks the document is cut into: ceil(totalBytes / chunkSize). */
    public int chunkCount() {
      return (int) ((totalBytes + chunkSize - 1) / chunkSize);
    }

    /** The length of chunk {@code index}: chunkSize, except the last one. */
    public int chunkLength(int index) {
      long start = (long) index * chunkSize;
      return (int) Math.min(chunkSize, totalBytes - start);
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public FrameType type() {
      return FrameType.SETUP;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Setup s && version == s.version && job.equals(s.job)
          && senderAddress.equals(s.senderAddress) && Arrays.equals(digest, s.digest)
          && totalBytes == s.totalBytes && pageCount == s.pageCount && chunkSize == s.chunkSize;
    }

    @Override
    public int hashCode() {
      return Objects.hash(job, totalBytes, Arrays.hashCode(digest));
    }

    @Override
    public String toString() {
      return "SETUP[v" + version + " job " + job + " from " + senderAddress.getHostAddress()
          + " sha256=" + HexFormat.of().formatHex(digest) + " " + totalBytes + " bytes "
          + pageCount + " pages chunk " + chunkSize + "]";
    }
  }

  /** Receiver → sender: go ahead, starting with chunk {@code nextChunk} (0 = from the start). */
  record Accept(int nextChunk) implements TransferMessage {
    public Accept {
      nonNegative("next chunk", nextChunk);
    }

    @Override
    public FrameType type() {
      return FrameType.ACCEPT;
    }
  }

  /**
   * Receiver → sender: no (the receiver then closes). {@code retryAfterSeconds} is 0 when there
   * is no point in retrying, else the advised delay.
   */
  record Refuse(RefuseReason reason, int retryAfterSeconds, String detail)
      implements TransferMessage {
    public Refuse {
      Objects.requireNonNull(reason, "reason");
      nonNegative("retry after", retryAfterSeconds);
      detail = checkedDetail(detail);
    }

    @Override
    public FrameType type() {
      return FrameType.REFUSE;
    }
  }

  /** Receiver → sender: queued at {@code position} (1 = next); also a keep-alive. */
  record Wait(int position) implements TransferMessage {
    public Wait {
      if (position < 1) {
        throw new IllegalArgumentException("queue position " + position + " is below 1");
      }
    }

    @Override
    public FrameType type() {
      return FrameType.WAIT;
    }
  }

  /** Sender → receiver: chunk {@code index} of the document. */
  record Chunk(int index, byte[] data) implements TransferMessage {
    public Chunk {
      nonNegative("chunk index", index);
      Objects.requireNonNull(data, "data");
      if (data.length < 1 || data.length > MAX_CHUNK_SIZE) {
        throw new IllegalArgumentException("chunk length " + data.length + " is outside 1.."
            + MAX_CHUNK_SIZE);
      }
    }

    @Override
    public FrameType type() {
      return FrameType.CHUNK;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Chunk c && index == c.index && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
      return index * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
      return "CHUNK[" + index + ", " + data.length + " bytes]";
    }
  }

  /** Receiver → sender: chunks 0..{@code index} are durable (cumulative). */
  record Ack(int index) implements TransferMessage {
    public Ack {
      nonNegative("acknowledged index", index);
    }

    @Override
    public FrameType type() {
      return FrameType.ACK;
    }
  }

  /** Sender → receiver: every chunk is acknowledged; the document has this digest. */
  record Done(byte[] digest) implements TransferMessage {
    public Done {
      digest = checkedDigest(digest);
    }

    @Override
    public byte[] digest() {
      return digest.clone();
    }

    @Override
    public FrameType type() {
      return FrameType.DONE;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Done d && Arrays.equals(digest, d.digest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
      return "DONE[sha256=" + HexFormat.of().formatHex(digest) + "]";
    }
  }

  /** Receiver → sender: the document is complete, checked and handed over. */
  record Complete(long bytes, int pages) implements TransferMessage {
    public Complete {
      if (bytes < 1) {
        throw new IllegalArgumentException("completed bytes " + bytes + " is below 1");
      }
      if (pages < 1 || pages > Document.MAX_PAGES) {
        throw new IllegalArgumentException("completed pages " + pages + " is outside 1.."
            + Document.MAX_PAGES);
      }
    }

    @Override
    public FrameType type() {
      return FrameType.COMPLETE;
    }
  }

  /** Receiver → sender: the transfer failed (the receiver then closes). */
  record Failed(FailureReason reason, boolean resumable, String detail)
      implements TransferMessage {
    public Failed {
      Objects.requireNonNull(reason, "reason");
      if (reason.code() == 0) {
        throw new IllegalArgumentException(reason + " never travels in a FAILED frame");
      }
      detail = checkedDetail(detail);
    }

    @Override
    public FrameType type() {
      return FrameType.FAILED;
    }
  }

  private static byte[] checkedDigest(byte[] digest) {
    Objects.requireNonNull(digest, "digest");
    if (digest.length != DIGEST_LENGTH) {
      throw new IllegalArgumentException("digest has " + digest.length + " bytes, not "
          + DIGEST_LENGTH);
    }
    return digest.clone();
  }

  private static void nonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " " + value + " is negative");
    }
  }

  private static String checkedDetail(String detail) {
    String d = detail == null ? "" : detail;
    if (d.getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL) {
      throw new IllegalArgumentException("detail is longer than " + MAX_DETAIL + " bytes");
    }
    return d;
  }

  /** Shortens {@code text} to fit a detail field. */
  static String clip(String text) {
    String t = text == null ? "" : text;
    while (t.getBytes(StandardCharsets.UTF_8).length > MAX_DETAIL) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
