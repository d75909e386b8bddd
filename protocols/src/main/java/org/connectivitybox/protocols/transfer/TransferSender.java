package org.connectivitybox.protocols.transfer;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.transfer.TransferMessage.Accept;
import org.connectivitybox.protocols.transfer.TransferMessage.Ack;
import org.connectivitybox.protocols.transfer.TransferMessage.Complete;
import org.connectivitybox.protocols.transfer.TransferMessage.Done;
import org.connectivitybox.protocols.transfer.TransferMessage.Failed;
import org.connectivitybox.protocols.transfer.TransferMessage.Refuse;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.connectivitybox.protocols.transfer.TransferMessage.Wait;

/**
 * The sending box's side of the data-transfer protocol: one call of {@link #send} is one
 * connection to the receiver (TLS with the CB certificates, SETUP, chunks, DONE), ending in a
 * typed {@link TransferOutcome}.
 *
 * <p>After a {@link TransferOutcome.Failed} that is {@code resumable}, calling {@code send} again
 * with the same job and document — from whatever address the box has now — resumes from the
 * last chunk the receiver acknowledged; the caller decides when and how often (the firmware
 * redials). Up to {@code window} chunks travel unacknowledged, so a slow round trip does not
 * stall the line.
 *
 * <p>Timeouts: the TCP connect, the read-idle timeout per frame (also the TLS handshake), and an
 * overall deadline enforced by the injected {@link Scheduler}, which closes the socket when it
 * passes. Thread-safe: one instance may run several sends at once.
 */
public final class TransferSender {
  /**
   * Chunk size used unless another is given: 128 KiB, for fast links — with the default window,
   * 1 MiB in flight, so the receiver's fsyncs and the round trip do not stall the line (on
   * loopback 2× the throughput of 16 KiB chunks, docs/benchmarks.md). A modem line takes a size
   * of its own (the firmware's coordinator: 4 KiB, about a second at 33.6 kbps).
   */
  public static final int DEFAULT_CHUNK_SIZE = 128 * 1024;
  /** Unacknowledged chunks allowed unless another number is given. */
  public static final int DEFAULT_WINDOW = 8;
  /** How long a closing TLS socket waits for the peer's close_notify. */
  static final int CLOSE_WAIT_MILLIS = 200;

  private final TlsContext tls;
  private final InetAddress localAddress;
  private final javax.net.SocketFactory sockets;
  private final TransferTimeouts timeouts;
  private final Scheduler scheduler;
  private final int chunkSize;
  private final int window;
  private final TransferProgress.Listener listener;

  private TransferSender(Builder b) {
    this.tls = b.tls;
    this.localAddress = b.localAddress;
    this.sockets = b.sockets;
    this.timeouts = b.timeouts;
    this.scheduler = b.scheduler;
    this.chunkSize = b.chunkSize;
    this.window = b.window;
    this.listener = b.listener;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Sends {@code document} for {@code job} to {@code receiver}; see {@link #send(JobNumber, byte[], TransferAddress)}. */
  public TransferOutcome send(JobNumber job, Document document, TransferAddress receiver) {
    return send(job, DocumentCodec.encode(document), receiver);
  }

  /**
   * Sends an encoded document ({@link DocumentCodec}) for {@code job} to {@code receiver} over
   * one connection. Never throws for network or protocol trouble: every ending is an outcome.
   *
   * @throws IllegalArgumentException if {@code document} is not an encoded document
   */
  public TransferOutcome send(JobNumber job, byte[] document, TransferAddress receiver) {
    return send(job, document, null, receiver);
  }

  /**
   * As {@link #send(JobNumber, byte[], TransferAddress)}, with the document's SHA-256 computed
   * by the caller already (the firmware computes it once per document, not once per attempt;
   * on a fast link hashing is a fifth of the transfer's time). Null: computed here. It is not
   * checked here: a wrong digest ends in {@code DIGEST_MISMATCH} at the receiver, after every
   * chunk was sent.
   *
   * @throws IllegalArgumentException if {@code document} is not an encoded document, or {@code
   *     sha256} is not 32 bytes
   */
  public TransferOutcome send(JobNumber job, byte[] document, byte[] sha256,
      TransferAddress receiver) {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(receiver, "receiver");
    if (sha256 != null && sha256.length != TransferMessage.DIGEST_LENGTH) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
    }
    long[] pageEnds;
    try {
      pageEnds = DocumentCodec.pageEnds(document, document.length);
      if (pageEnds == null || pageEnds[pageEnds.length - 1] != document.length) {
        throw new MalformedMessageException("document: size does not match its page table");
      }
    } catch (MalformedMessageException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new Attempt(job, document, pageEnds, receiver,
        sha256 != null ? sha256.clone() : DocumentCodec.sha256(document)).run();
  }

  /** One connection: its socket, its state machine, its watchdog. */
  private final class Attempt {
    private final JobNumber job;
    private final byte[] document;
    private final long[] pageEnds;
    private final TransferAddress receiver;
    private final byte[] digest;
    private final AtomicBoolean deadlinePassed = new AtomicBoolean();
    private SenderSession session;
    private volatile Socket socket;

    Attempt(JobNumber job, byte[] document, long[] pageEnds, TransferAddress receiver,
        byte[] digest) {
      this.job = job;
      this.document = document;
      this.pageEnds = pageEnds;
      this.receiver = receiver;
      this.digest = digest;
    }

    TransferOutcome run() {
      Scheduler.Cancellable watchdog = scheduler.schedule(timeouts.overall(), () -> {
        deadlinePassed.set(true);
        closeQuietly(socket);
      });
      Socket plain;
      try {
        plain = sockets == null ? new Socket() : sockets.createSocket();
      } catch (IOException e) {
        watchdog.cancel();
        return failed(FailureReason.CONNECT_FAILED, true, "no socket: " + e.getMessage());
      }
      socket = plain;
      try {
        if (localAddress != null && !plain.isBound()) {
          plain.bind(new InetSocketAddress(localAddress, 0));
        }
        // Frames are buffered and flushed whole; Nagle would hold them behind delayed ACKs.
        plain.setTcpNoDelay(true);
        try {
          plain.connect(new InetSocketAddress(receiver.ip(), receiver.port()),
              (int) timeouts.connect().toMillis());
        } catch (IOException e) {
          return failed(FailureReason.CONNECT_FAILED, true, "connect to " + receiver + ": "
              + e.getMessage());
        }
        if (deadlinePassed.get()) {
          return failed(FailureReason.TIMEOUT, true, "overall deadline passed");
        }
        Setup setup = new Setup(TransferMessage.VERSION, job, plain.getLocalAddress(), digest,
            document.length, pageEnds.length, chunkSize);
        session = new SenderSession(setup, window);
        SSLSocket ssl;
        try {
          ssl = tls.clientOver(plain, receiver.ip().getHostAddress(), receiver.port());
          socket = ssl;
          ssl.setSoTimeout(timeouts.frameMillis());
          ssl.startHandshake();
        } catch (IOException e) {
          return failed(deadlinePassed.get() ? FailureReason.TIMEOUT
              : FailureReason.HANDSHAKE_FAILED, deadlinePassed.get() || !(e instanceof SSLException),
              "TLS handshake: " + e.getMessage());
        }
        return converse(ssl);
      } catch (IOException e) {
        return failed(FailureReason.CONNECT_FAILED, true, e.getMessage());
      } finally {
        watchdog.cancel();
        closeQuietly(socket);
        closeQuietly(plain);
      }
    }

    private TransferOutcome converse(SSLSocket ssl) {
      try {
        InputStream in = ssl.getInputStream();
        OutputStream out = new BufferedOutputStream(ssl.getOutputStream(), 64 * 1024);
        FrameCodec.write(out, session.setup());
        session.connected();
        while (session.state() != SenderSession.State.SENDING) {
          TransferMessage m = FrameCodec.read(in);
          if (m instanceof Wait) {
            session.queued();
          } else if (m instanceof Refuse r) {
            session.refused();
            return new TransferOutcome.Refused(r.reason(), r.retryAfterSeconds(), r.detail(),
                counts());
          } else if (m instanceof Accept a) {
            session.accepted(a.nextChunk());
            progress();
          } else {
            return unexpected(m);
          }
        }
        while (!session.allAcknowledged()) {
          while (session.maySend()) {
            int i = session.nextChunk();
            FrameCodec.writeChunk(out, i, document, i * chunkSize,
                session.setup().chunkLength(i));
            session.chunkSent();
          }
          out.flush();
          TransferMessage m = FrameCodec.read(in);
          if (m instanceof Ack a) {
            session.acknowledged(a.index());
            progress();
          } else if (m instanceof Failed f) {
            return receiverFailed(f);
          } else {
            return unexpected(m);
          }
        }
        FrameCodec.write(out, new Done(digest));
        session.doneSent();
        TransferMessage m = FrameCodec.read(in);
        if (m instanceof Complete c) {
          if (c.bytes() != document.length || c.pages() != pageEnds.length) {
            throw new MalformedMessageException("COMPLETE: " + c.bytes() + " bytes, " + c.pages()
                + " pages for a document of " + document.length + " bytes, " + pageEnds.length
                + " pages");
          }
          session.completed();
          return new TransferOutcome.Completed(counts());
        } else if (m instanceof Failed f) {
          return receiverFailed(f);
        }
        return unexpected(m);
      } catch (IllegalStateException | MalformedMessageException e) {
        return failed(FailureReason.PROTOCOL_ERROR, true, e.getMessage());
      } catch (SocketTimeoutException e) {
        return failed(FailureReason.TIMEOUT, true, "no frame from the receiver within "
            + timeouts.frame());
      } catch (SSLException e) {
        if (session.state() == SenderSession.State.SETTING_UP && !deadlinePassed.get()) {
          // TLS 1.3: the server's verdict on our certificate arrives after our Finished
          return failed(FailureReason.HANDSHAKE_FAILED, false, "TLS: " + e.getMessage());
        }
        return failed(FailureReason.CONNECTION_LOST, true, "TLS: " + e.getMessage());
      } catch (IOException e) {
        if (deadlinePassed.get()) {
          return failed(FailureReason.TIMEOUT, true, "overall deadline " + timeouts.overall()
              + " passed");
        }
        return failed(FailureReason.CONNECTION_LOST, true, e instanceof EOFException
            ? "the receiver closed the connection" : e.getMessage());
      }
    }

    private TransferOutcome unexpected(TransferMessage m) {
      return failed(FailureReason.PROTOCOL_ERROR, true, "unexpected " + m.type()
          + " in state " + session.state());
    }

    private TransferOutcome receiverFailed(Failed f) {
      session.failed();
      return new TransferOutcome.Failed(f.reason(), f.resumable(), f.detail(), counts());
    }

    private TransferOutcome failed(FailureReason reason, boolean resumable, String detail) {
      if (session != null) {
        session.failed();
      }
      return new TransferOutcome.Failed(reason, resumable, detail, counts());
    }

    private void progress() {
      long bytes = session.bytesAcknowledged();
      try {
        listener.progress(new TransferProgress(TransferProgress.Side.SENDER, job, bytes,
            document.length, pagesUpTo(bytes), pageEnds.length, session.chunksAcknowledged(),
            session.setup().chunkCount()));
      } catch (RuntimeException e) {
        // a listener must not throw; the transfer goes on
      }
    }

    private int pagesUpTo(long bytes) {
      int pages = 0;
      while (pages < pageEnds.length && pageEnds[pages] <= bytes) {
        pages++;
      }
      return pages;
    }

    private TransferCounts counts() {
      if (session == null) {
        return new TransferCounts(job, document.length, pageEnds.length, 0, 0, -1, 0);
      }
      long bytes = session.resumedFrom() < 0 ? 0 : session.bytesAcknowledged();
      return new TransferCounts(job, document.length, pageEnds.length, bytes, pagesUpTo(bytes),
          session.resumedFrom(), session.chunkBytesSent());
    }
  }

  /**
   * Closes without waiting long: JDK 17's TLS 1.3 socket waits for the peer's close_notify on
   * close, up to the read timeout, so the timeout is cut short first.
   */
  static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        if (!s.isClosed()) {
          s.setSoTimeout(CLOSE_WAIT_MILLIS);
        }
      } catch (IOException e) {
        // closing anyway
      }
      try {
        s.close();
      } catch (IOException e) {
        // closing: nothing more to do
      }
    }
  }

  /**
   * Builder of a {@link TransferSender}. Defaults: timeouts {@link TransferTimeouts#DEFAULTS},
   * chunk size {@value TransferSender#DEFAULT_CHUNK_SIZE}, window {@value
   * TransferSender#DEFAULT_WINDOW}, any local address, no progress listener, and a scheduler on
   * one daemon thread shared by every sender built without one. A TLS context (the box's CB
   * identity, accepting CB peers) is required.
   */
  public static final class Builder {
    private static final class Shared {
      static final Scheduler SCHEDULER = Scheduler.of(daemonScheduler());
    }

    private TlsContext tls;
    private InetAddress localAddress;
    private javax.net.SocketFactory sockets;
    private TransferTimeouts timeouts = TransferTimeouts.DEFAULTS;
    private Scheduler scheduler;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private int window = DEFAULT_WINDOW;
    private TransferProgress.Listener listener = TransferProgress.Listener.NONE;

    private Builder() {}

    static Scheduler sharedScheduler() {
      return Shared.SCHEDULER;
    }

    /** The box's TLS context: its CB certificate, accepting only CB peers. */
    public Builder tls(TlsContext tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** The local address to connect from (the box's PPP address); null: the OS chooses. */
    /**
     * Where the plain sockets come from (the box's session sockets: bound to the leased address,
     * paced, closed when the line drops); by default {@code new Socket()}.
     */
    public Builder socketFactory(javax.net.SocketFactory factory) {
      this.sockets = java.util.Objects.requireNonNull(factory, "factory");
      return this;
    }

    public Builder localAddress(InetAddress address) {
      this.localAddress = address;
      return this;
    }

    public Builder timeouts(TransferTimeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /** The scheduler of the overall deadline. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Bytes per chunk, {@value TransferMessage#MIN_CHUNK_SIZE}..{@value TransferMessage#MAX_CHUNK_SIZE}. */
    public Builder chunkSize(int size) {
      this.chunkSize = size;
      return this;
    }

    /** Chunks that may be unacknowledged at a time, 1..64. */
    public Builder window(int chunks) {
      this.window = chunks;
      return this;
    }

    public Builder progress(TransferProgress.Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** @throws IllegalStateException if the TLS context is missing or a limit is out of range */
    public TransferSender build() {
      if (tls == null) {
        throw new IllegalStateException("a TLS context is required");
      }
      if (chunkSize < TransferMessage.MIN_CHUNK_SIZE || chunkSize > TransferMessage.MAX_CHUNK_SIZE) {
        throw new IllegalStateException("chunk size " + chunkSize + " is outside "
            + TransferMessage.MIN_CHUNK_SIZE + ".." + TransferMessage.MAX_CHUNK_SIZE);
      }
      if (window < 1 || window > 64) {
        throw new IllegalStateException("window " + window + " is outside 1..64");
      }
      if (scheduler == null) {
        scheduler = Shared.SCHEDULER;
      }
      return new TransferSender(this);
    }
  }

  static ScheduledExecutorService daemonScheduler() {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "transfer-deadline");
      t.setDaemon(true);
      return t;
    });
  }
}
