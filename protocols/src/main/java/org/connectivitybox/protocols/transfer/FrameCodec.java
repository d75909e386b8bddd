package org.connectivitybox.protocols.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.transfer.TransferMessage.Accept;
import org.connectivitybox.protocols.transfer.TransferMessage.Ack;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Complete;
import org.connectivitybox.protocols.transfer.TransferMessage.Done;
import org.connectivitybox.protocols.transfer.TransferMessage.Failed;
import org.connectivitybox.protocols.transfer.TransferMessage.Refuse;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.connectivitybox.protocols.transfer.TransferMessage.Wait;

/**
 * Frames to bytes and back ({@code docs/data-transfer.md} §3): {@code type:u8 length:u32 body},
 * big-endian. Pure functions, plus {@link #read} and {@link #write} over streams.
 *
 * <p>Every decoder is strict: an unknown type, a length above the type's maximum (checked
 * before the body is read, so garbage never makes it allocate), a body of the wrong length, a
 * value out of range or text that is not UTF-8 is a {@link MalformedMessageException} whose
 * message names the frame and the field.
 */
public final class FrameCodec {
  /** Bytes of a frame header: type and body length. */
  public static final int HEADER = 5;

  private FrameCodec() {}

  /** The frame's bytes, header included. */
  public static byte[] encode(TransferMessage m) {
    byte[] body = body(m);
    return ByteBuffer.allocate(HEADER + body.length).put((byte) m.type().code())
        .putInt(body.length).put(body).array();
  }

  /** Writes one frame (header and body in one write) and flushes. */
  public static void write(OutputStream out, TransferMessage m) throws IOException {
    out.write(encode(m));
    out.flush();
  }

  /**
   * Writes a CHUNK frame for {@code length} bytes of {@code document} from {@code offset}
   * without copying them into a message first (the sender's hot path); does not flush.
   */
  public static void writeChunk(OutputStream out, int index, byte[] document, int offset,
      int length) throws IOException {
    if (index < 0 || length < 1 || length > TransferMessage.MAX_CHUNK_SIZE) {
      throw new IllegalArgumentException("chunk " + index + " of " + length + " bytes");
    }
    out.write(ByteBuffer.allocate(HEADER + 4).put((byte) FrameType.CHUNK.code())
        .putInt(4 + length).putInt(index).array());
    out.write(document, offset, length);
  }

  /**
   * Reads one frame.
   *
   * @throws EOFException if the stream ends, before the frame (message "end of stream") or
   *     inside it ("truncated")
   * @throws MalformedMessageException if the frame is not a frame of this protocol
   */
  public static TransferMessage read(InputStream in) throws IOException {
    int first = in.read();
    if (first < 0) {
      throw new EOFException("end of stream");
    }
    byte[] rest = readFully(in, HEADER - 1, "frame header");
    FrameType type = FrameType.ofCode(first);
    if (type == null) {
      throw new MalformedMessageException(String.format("frame: unknown type 0x%02X", first));
    }
    long length = ByteBuffer.wrap(rest).getInt() & 0xFFFF_FFFFL;
    if (length > type.maxBody()) {
      throw new MalformedMessageException(type + ": body length " + length
          + " is above the maximum " + type.maxBody());
    }
    if (type == FrameType.CHUNK && length > 4) {
      // the hot path: read the data straight into the chunk's own array
      int index = ByteBuffer.wrap(readFully(in, 4, "CHUNK index")).getInt();
      if (index < 0) {
        throw new MalformedMessageException("CHUNK: chunk index " + index + " is negative");
      }
      return new Chunk(index, readFully(in, (int) length - 4, "CHUNK data"));
    }
    return decode(type, readFully(in, (int) length, type + " body"));
  }

  /**
   * The message in a frame body of the given type.
   *
   * @throws MalformedMessageException naming the frame and the field that is wrong
   */
  public static TransferMessage decode(FrameType type, byte[] body)
      throws MalformedMessageException {
    if (body.length > type.maxBody()) {
      throw new MalformedMessageException(type + ": body length " + body.length
          + " is above the maximum " + type.maxBody());
    }
    ByteBuffer b = ByteBuffer.wrap(body);
    try {
      TransferMessage m = switch (type) {
        case SETUP -> setup(b);
        case ACCEPT -> new Accept(b.getInt());
        case REFUSE -> refuse(b);
        case WAIT -> new Wait(b.getInt());
        case CHUNK -> chunk(b);
        case ACK -> new Ack(b.getInt());
        case DONE -> new Done(bytes(b, TransferMessage.DIGEST_LENGTH));
        case COMPLETE -> new Complete(b.getLong(), b.getShort() & 0xFFFF);
        case FAILED -> failed(b);
      };
      if (b.hasRemaining()) {
        throw new MalformedMessageException(type + ": " + b.remaining()
            + " bytes after the last field");
      }
      return m;
    } catch (BufferUnderflowException e) {
      throw new MalformedMessageException(type + ": body of " + body.length
          + " bytes is too short");
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(type + ": " + e.getMessage());
    }
  }

  private static Setup setup(ByteBuffer b) throws MalformedMessageException {
    int version = b.get() & 0xFF;
    if (version != TransferMessage.VERSION) {
      throw new UnsupportedVersionException(version);
    }
    long job = b.getLong();
    if (job < 1 || job > JobNumber.MAX) {
      throw new MalformedMessageException("SETUP: job number " + Long.toUnsignedString(job)
          + " is outside 1.." + JobNumber.MAX);
    }
    int addressLength = b.get() & 0xFF;
    if (addressLength != 4 && addressLength != 16) {
      throw new MalformedMessageException("SETUP: sender address length " + addressLength
          + " is neither 4 (IPv4) nor 16 (IPv6)");
    }
    InetAddress address;
    try {
      address = InetAddress.getByAddress(bytes(b, addressLength));
    } catch (UnknownHostException e) {
      throw new MalformedMessageException("SETUP: sender address: " + e.getMessage());
    }
    byte[] digest = bytes(b, TransferMessage.DIGEST_LENGTH);
    long total = b.getLong();
    int pages = b.getShort() & 0xFFFF;
    long chunkSize = b.getInt() & 0xFFFF_FFFFL;
    if (chunkSize > TransferMessage.MAX_CHUNK_SIZE) {
      throw new MalformedMessageException("SETUP: chunk size " + chunkSize + " is outside "
          + TransferMessage.MIN_CHUNK_SIZE + ".." + TransferMessage.MAX_CHUNK_SIZE);
    }
    return new Setup(version, JobNumber.of(job), address, digest, total, pages, (int) chunkSize);
  }

  private static Refuse refuse(ByteBuffer b) throws MalformedMessageException {
    int code = b.get() & 0xFF;
    RefuseReason reason = RefuseReason.ofCode(code);
    if (reason == null) {
      throw new MalformedMessageException("REFUSE: unknown reason " + code);
    }
    long retry = b.getInt() & 0xFFFF_FFFFL;
    if (retry > Integer.MAX_VALUE) {
      throw new MalformedMessageException("REFUSE: retry after " + retry + " s is too large");
    }
    return new Refuse(reason, (int) retry, text(b, "REFUSE"));
  }

  private static Chunk chunk(ByteBuffer b) {
    int index = b.getInt();
    if (!b.hasRemaining()) {
      throw new IllegalArgumentException("chunk without data");
    }
    return new Chunk(index, bytes(b, b.remaining()));
  }

  private static Failed failed(ByteBuffer b) throws MalformedMessageException {
    int code = b.get() & 0xFF;
    FailureReason reason = FailureReason.ofCode(code);
    if (reason == null) {
      throw new MalformedMessageException("FAILED: unknown reason " + code);
    }
    int resumable = b.get() & 0xFF;
    if (resumable > 1) {
      throw new MalformedMessageException("FAILED: resumable flag " + resumable
          + " is neither 0 nor 1");
    }
    return new Failed(reason, resumable == 1, text(b, "FAILED"));
  }

  private static String text(ByteBuffer b, String frame) throws MalformedMessageException {
    int length = b.getShort() & 0xFFFF;
    if (length > TransferMessage.MAX_DETAIL) {
      throw new MalformedMessageException(frame + ": detail length " + length
          + " is above " + TransferMessage.MAX_DETAIL);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes(b, length))).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedMessageException(frame + ": detail is not UTF-8");
    }
  }

  private static byte[] bytes(ByteBuffer b, int n) {
    byte[] out = new byte[n];
    b.get(out);
    return out;
  }

  private static byte[] body(TransferMessage m) {
    if (m instanceof Setup s) {
      byte[] address = s.senderAddress().getAddress();
      return ByteBuffer.allocate(1 + 8 + 1 + address.length + 32 + 8 + 2 + 4)
          .put((byte) s.version()).putLong(s.job().value()).put((byte) address.length)
          .put(address).put(s.digest()).putLong(s.totalBytes()).putShort((short) s.pageCount())
          .putInt(s.chunkSize()).array();
    } else if (m instanceof Accept a) {
      return ByteBuffer.allocate(4).putInt(a.nextChunk()).array();
    } else if (m instanceof Refuse r) {
      byte[] text = r.detail().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(1 + 4 + 2 + text.length).put((byte) r.reason().code())
          .putInt(r.retryAfterSeconds()).putShort((short) text.length).put(text).array();
    } else if (m instanceof Wait w) {
      return ByteBuffer.allocate(4).putInt(w.position()).array();
    } else if (m instanceof Chunk c) {
      return ByteBuffer.allocate(4 + c.data().length).putInt(c.index()).put(c.data()).array();
    } else if (m instanceof Ack a) {
      return ByteBuffer.allocate(4).putInt(a.index()).array();
    } else if (m instanceof Done d) {
      return d.digest();
    } else if (m instanceof Complete c) {
      return ByteBuffer.allocate(10).putLong(c.bytes()).putShort((short) c.pages()).array();
    } else if (m instanceof Failed f) {
      byte[] text = f.detail().getBytes(StandardCharsets.UTF_8);
      return ByteBuffer.allocate(1 + 1 + 2 + text.length).put((byte) f.reason().code())
          .put((byte) (f.resumable() ? 1 : 0)).putShort((short) text.length).put(text).array();
    }
    throw new IllegalArgumentException("unknown message " + m);
  }

  private static byte[] readFully(InputStream in, int n, String what) throws IOException {
    // Straight into an array of the final size: readNBytes(int) would gather a large body in
    // 8 KiB pieces and copy it once more. n is at most the type's maximum (checked before).
    byte[] buf = new byte[n];
    int got = in.readNBytes(buf, 0, n);
    if (got < n) {
      throw new EOFException(what + " truncated: " + got + " of " + n + " bytes");
    }
    return buf;
  }
}
