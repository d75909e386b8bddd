package org.connectivitybox.protocols.transfer.internal;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transfer.FrameCodec;
import org.connectivitybox.protocols.transfer.TransferMessage;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;

/**
 * The receiver's durable partial documents, one set of files per job in one folder
 * ({@code docs/data-transfer.md} §6):
 * <pre>
 *   job-N.setup     the SETUP frame, then u16 length + UTF-8 CB ID of the sender; written once,
 *                   atomically (temporary file, fsync, rename, fsync of the folder)
 *   job-N.chunks    a log of records  index:u32 length:u32 crc32c:u32 data  appended, and
 *                   forced before they are acknowledged (the CRC covers index, length and data)
 *   job-N.complete  after delivery: lower-case hex SHA-256 of the delivered document, atomically
 * </pre>
 * A crash can leave at most a torn last record, never a wrong one: opening a partial reads the
 * log, stops at the first record that is truncated, out of order, of the wrong length or fails
 * its CRC, and truncates the file there. A record is acknowledged only after its fsync, so what
 * is cut off was never acknowledged.
 *
 * <p>Not thread-safe per job: the receiver lets one connection at a time hold a job. Of a
 * {@link Partial}, {@link Partial#force()} may run on another thread than the writes (the
 * receiver's commit thread); it covers every write that returned before it was called.
 */
public final class PartialStore {
  private static final int RECORD_HEADER = 12;
  private final Path folder;

  /** @throws IOException if the folder cannot be created */
  public PartialStore(Path folder) throws IOException {
    this.folder = Files.createDirectories(folder);
  }

  /** The sender of the partial held for {@code job}, or null if there is none (or it is unreadable). */
  public CbId ownerOf(JobNumber job) {
    Meta m = readMeta(job);
    return m == null ? null : m.sender;
  }

  /** The digest (hex) of the document delivered for {@code job}, or null. */
  public String completedDigest(JobNumber job) {
    try {
      return Files.readString(file(job, "complete"), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Opens the partial of {@code setup}'s job, resuming what is durable if the held partial is
   * of the same document (digest, size, page count, chunk size) from the same sender; else
   * discards it and starts empty.
   */
  public Partial open(Setup setup, CbId sender) throws IOException {
    JobNumber job = setup.job();
    Meta held = readMeta(job);
    if (held == null || !held.setup.equals(withAddressOf(setup, held.setup))
        || !held.sender.equals(sender)) {
      discard(job);
      byte[] frame = FrameCodec.encode(setup);
      byte[] cb = sender.value().getBytes(StandardCharsets.UTF_8);
      writeAtomically(file(job, "setup"), ByteBuffer.allocate(frame.length + 2 + cb.length)
          .put(frame).putShort((short) cb.length).put(cb).array());
    }
    FileChannel log = FileChannel.open(file(job, "chunks"), StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      int durable = recover(log, setup);
      forceFolder();
      return new Partial(job, setup, log, durable);
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  /** Deletes every file of {@code job} except a completion marker. */
  public void discard(JobNumber job) throws IOException {
    Files.deleteIfExists(file(job, "chunks"));
    Files.deleteIfExists(file(job, "setup"));
    forceFolder();
  }

  /** The folder's file for {@code job} with {@code suffix}. */
  public Path file(JobNumber job, String suffix) {
    return folder.resolve("job-" + job.value() + "." + suffix);
  }

  private static Setup withAddressOf(Setup s, Setup other) {
    // The sender's address may change between connections; the document may not.
    return new Setup(s.version(), s.job(), other.senderAddress(), s.digest(), s.totalBytes(),
        s.pageCount(), s.chunkSize());
  }

  private record Meta(Setup setup, CbId sender) {}

  private Meta readMeta(JobNumber job) {
    try {
      byte[] bytes = Files.readAllBytes(file(job, "setup"));
      ByteArrayInputStream in = new ByteArrayInputStream(bytes);
      TransferMessage m = FrameCodec.read(in);
      byte[] rest = in.readAllBytes();
      ByteBuffer b = ByteBuffer.wrap(rest);
      int n = b.getShort() & 0xFFFF;
      if (!(m instanceof Setup s) || rest.length != 2 + n) {
        return null;
      }
      return new Meta(s, CbId.of(new String(rest, 2, n, StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      return null; // absent or unreadable: start over
    }
  }

  private static int recover(FileChannel log, Setup setup) throws IOException {
    long size = log.size();
    long pos = 0;
    int count = 0;
    ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
    while (count < setup.chunkCount() && pos + RECORD_HEADER <= size) {
      header.clear();
      readFully(log, header, pos);
      header.flip();
      int index = header.getInt();
      int length = header.getInt();
      int crc = header.getInt();
      if (index != count || length != setup.chunkLength(count)
          || pos + RECORD_HEADER + length > size) {
        break;
      }
      ByteBuffer data = ByteBuffer.allocate(length);
      readFully(log, data, pos + RECORD_HEADER);
      if (crc(index, length, data.array()) != crc) {
        break;
      }
      pos += RECORD_HEADER + length;
      count++;
    }
    if (pos != size) {
      log.truncate(pos);
      log.force(true);
    }
    return count;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos + b.position());
      if (n < 0) {
        throw new IOException("unexpected end of the chunk log");
      }
    }
  }

  private static int crc(int index, int length, byte[] data) {
    return crc(index, length, data, 0);
  }

  private static int crc(int index, int length, byte[] data, int offset) {
    CRC32C c = new CRC32C();
    c.update(ByteBuffer.allocate(8).putInt(index).putInt(length).array());
    c.update(data, offset, length);
    return (int) c.getValue();
  }

  private void writeAtomically(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(content));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceFolder();
  }

  private void forceFolder() throws IOException {
    try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      // Some file systems refuse fsync on a directory; renames there are as durable as they get.
    }
  }

  /** One job's partial document, open for appending. Close it when the connection ends. */
  public final class Partial implements Closeable {
    private final JobNumber job;
    private final Setup setup;
    private final FileChannel log;
    private int durable;

    private Partial(JobNumber job, Setup setup, FileChannel log, int durable) {
      this.job = job;
      this.setup = setup;
      this.log = log;
      this.durable = durable;
    }

    /** Chunks held: the index of the next chunk (durable once {@link #force()} returned). */
    public int durableChunks() {
      return durable;
    }

    /**
     * Appends chunk {@link #durableChunks()} and forces it to the disk; when this returns it
     * may be acknowledged.
     */
    public void append(Chunk c) throws IOException {
      write(c);
      force();
    }

    /**
     * Appends the next chunk without forcing it: it is not durable (and must not be
     * acknowledged) until {@link #force()} returns.
     */
    public void write(Chunk c) throws IOException {
      if (c.index() != durable || c.data().length != setup.chunkLength(c.index())) {
        throw new IllegalArgumentException("chunk " + c.index() + " of " + c.data().length
            + " bytes does not follow the " + durable + " chunks written");
      }
      ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER).putInt(c.index())
          .putInt(c.data().length).putInt(crc(c.index(), c.data().length, c.data()));
      header.flip();
      ByteBuffer data = ByteBuffer.wrap(c.data());
      ByteBuffer[] both = {header, data};
      log.position(log.size());
      while (header.hasRemaining() || data.hasRemaining()) {
        log.write(both);
      }
      durable++;
    }

    /** Forces every chunk written to the disk (fsync of the file's data). */
    public void force() throws IOException {
      log.force(false);
    }

    /**
     * The document bytes held so far, in order, each record checked against its CRC again
     * (on a resume the receiver digests and hands over these bytes with those that follow).
     *
     * @throws IOException if the log cannot be read or a record no longer matches its CRC
     */
    public byte[] read() throws IOException {
      long bytes = Math.min(setup.totalBytes(), (long) durable * setup.chunkSize());
      byte[] out = new byte[(int) bytes];
      ByteBuffer header = ByteBuffer.allocate(RECORD_HEADER);
      long pos = 0;
      int off = 0;
      for (int i = 0; i < durable; i++) {
        int length = setup.chunkLength(i);
        header.clear();
        readFully(log, header, pos);
        header.flip();
        int index = header.getInt();
        int recordLength = header.getInt();
        int crc = header.getInt();
        readFully(log, ByteBuffer.wrap(out, off, length).slice(), pos + RECORD_HEADER);
        if (index != i || recordLength != length || crc(index, length, out, off) != crc) {
          throw new IOException("job " + job + ": the record of chunk " + i
              + " in the chunk log no longer matches its CRC");
        }
        pos += RECORD_HEADER + length;
        off += length;
      }
      return out;
    }

    /** Records delivery: writes the completion marker, then deletes the partial. */
    public void completed(String sha256) throws IOException {
      writeAtomically(file(job, "complete"), sha256.getBytes(StandardCharsets.US_ASCII));
      log.close();
      PartialStore.this.discard(job);
    }

    /** Deletes the partial (digest mismatch, malformed document). */
    public void discard() throws IOException {
      log.close();
      PartialStore.this.discard(job);
    }

    @Override
    public void close() throws IOException {
      log.close();
    }
  }
}
