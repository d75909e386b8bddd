package org.connectivitybox.protocols.transfer;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.tls.PeerIdentity;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.transfer.TransferMessage.Accept;
import org.connectivitybox.protocols.transfer.TransferMessage.Ack;
import org.connectivitybox.protocols.transfer.TransferMessage.Chunk;
import org.connectivitybox.protocols.transfer.TransferMessage.Complete;
import org.connectivitybox.protocols.transfer.TransferMessage.Done;
import org.connectivitybox.protocols.transfer.TransferMessage.Failed;
import org.connectivitybox.protocols.transfer.TransferMessage.Refuse;
import org.connectivitybox.protocols.transfer.TransferMessage.Setup;
import org.connectivitybox.protocols.transfer.TransferMessage.Wait;
import org.connectivitybox.protocols.transfer.internal.PartialStore;
import org.tinylog.Logger;

/**
 * The receiving box's data-transfer server: accepts TLS connections from boxes with a CB
 * certificate, VERIFYs every SETUP with the CSS before reading any data, stores acknowledged
 * chunks durably, checks the SHA-256 digest and hands completed documents to its {@link
 * Listener}.
 *
 * <p><b>Queueing.</b> Connections are accepted concurrently (up to {@code maxConnections}, beyond
 * which a new TCP connection is closed at once); at most {@code concurrentTransfers} of them
 * receive data at a time (default 1: one printer). A verified transfer that finds every slot
 * taken waits in a first-come first-served queue of at most {@code queueLength}, and is sent a
 * WAIT frame with its position three times per frame timeout so the sender knows it is alive; a
 * transfer that finds the queue full is refused with BUSY and the advised retry delay.
 *
 * <p><b>Resuming.</b> A SETUP for a job whose partial document is held (same digest, size, page
 * count and chunk size, same sender CB ID) is accepted from the first chunk not yet held,
 * whatever address it now comes from — after the VERIFY of that address. A connection of the
 * same job that is still open (its line dropped but the receiver has not noticed) is closed
 * in favour of the new one.
 *
 * <p><b>Storing.</b> Each receiving connection has a second thread, its {@link ChunkCommitter}:
 * the connection's thread appends chunks to the partial and puts the document together in
 * memory (as many bytes as the document: allocated at ACCEPT), the commit thread digests them,
 * fsyncs and only then acknowledges them, so that reading the line does not wait for the disk.
 *
 * <p>Thread-safe. Listener methods run on connection threads ({@code progress} on the commit
 * thread while chunks arrive); {@code progress} and {@code ended} must be fast and must not
 * throw.
 */
public final class TransferReceiver implements Closeable {

  /** Receives the receiver's documents and events. */
  public interface Listener {
    /**
     * A document arrived whole, digest checked. Must take it durably (spool it) before
     * returning: the sender is told COMPLETE only afterwards and the partial is then deleted. If
     * it throws, the sender is told FAILED / NOT_DELIVERED (resumable) and the partial is kept.
     */
    void completed(ReceivedDocument document) throws Exception;

    /** Progress of a transfer being received. */
    default void progress(TransferProgress progress) {}

    /**
     * A connection ended: completed, refused (before any data) or failed. For connections that
     * never sent a valid SETUP the counts' job is null. Use the counts for METERING.
     */
    default void ended(InetAddress peer, TransferOutcome outcome) {}
  }

  private final TlsContext tls;
  private final InetAddress bindAddress;
  private final int requestedPort;
  private final PartialStore store;
  private final Verifier verifier;
  private final Listener listener;
  private final int maxConnections;
  private final int queueLength;
  private final long maxDocumentBytes;
  private final Duration retryAfter;
  private final TransferTimeouts timeouts;
  private final Scheduler scheduler;
  private final Semaphore slots;
  private final ConcurrentLinkedQueue<Connection> queue = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<JobNumber, Connection> jobs = new ConcurrentHashMap<>();
  private final Set<Connection> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger threadNumber = new AtomicInteger();
  private final ExecutorService pool;
  private volatile boolean closed;
  private SSLServerSocket server;
  private Thread acceptor;

  private TransferReceiver(Builder b) throws IOException {
    this.tls = b.tls;
    this.bindAddress = b.bindAddress;
    this.requestedPort = b.port;
    this.store = new PartialStore(b.folder);
    this.verifier = b.verifier;
    this.listener = b.listener;
    this.maxConnections = b.maxConnections;
    this.queueLength = b.queueLength;
    this.maxDocumentBytes = b.maxDocumentBytes;
    this.retryAfter = b.retryAfter;
    this.timeouts = b.timeouts;
    this.scheduler = b.scheduler;
    this.slots = new Semaphore(b.concurrentTransfers, true);
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "transfer-receiver-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds and starts accepting. */
  private void start() throws IOException {
    server = tls.newServerSocket(bindAddress, requestedPort, 50);
    acceptor = new Thread(this::acceptLoop, "transfer-receiver-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port listened on (the one to announce in CONNECT). */
  public int port() {
    return server.getLocalPort();
  }

  /** The address and port listened on. */
  public InetSocketAddress address() {
    return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
  }

  /** Transfers waiting for a slot now. */
  public int queued() {
    return queue.size();
  }

  /** Stops accepting, closes every connection (their partials stay) and waits for their threads. */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    for (Connection c : live) {
      c.abort(false);
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        Logger.warn("transfer receiver: connection threads still running after close");
      }
      acceptor.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          Logger.warn("transfer receiver: accept failed: {}", e.getMessage());
        }
        continue;
      }
      if (connections.incrementAndGet() > maxConnections) {
        connections.decrementAndGet();
        TransferSender.closeQuietly(s);
        continue;
      }
      Connection c = new Connection((SSLSocket) s);
      live.add(c);
      try {
        pool.execute(c);
      } catch (RuntimeException e) {
        live.remove(c);
        connections.decrementAndGet();
        TransferSender.closeQuietly(s);
      }
    }
  }

  /** One incoming connection, run on its own thread. */
  private final class Connection implements Runnable {
    private final SSLSocket socket;
    private final InetAddress peer;
    private final ReceiverSession session = new ReceiverSession();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicBoolean deadlinePassed = new AtomicBoolean();
    private volatile boolean superseded;
    private volatile boolean shuttingDown;
    private OutputStream out;
    private boolean holdsSlot;
    private byte[] prefix = new byte[0];
    private int prefixFilled;
    private long[] pageEnds;
    private long chunkBytes;
    private ChunkCommitter committer;

    Connection(SSLSocket socket) {
      this.socket = socket;
      this.peer = socket.getInetAddress();
    }

    void abort(boolean supersede) {
      if (supersede) {
        superseded = true;
      } else {
        shuttingDown = true;
      }
      TransferSender.closeQuietly(socket);
    }

    @Override
    public void run() {
      Scheduler.Cancellable watchdog = scheduler.schedule(timeouts.overall(), () -> {
        deadlinePassed.set(true);
        TransferSender.closeQuietly(socket);
      });
      TransferOutcome outcome;
      try {
        outcome = handshakeAndReceive();
      } finally {
        watchdog.cancel();
        if (holdsSlot) {
          slots.release();
        }
        queue.remove(this);
        Setup setup = session.setup();
        if (setup != null) {
          jobs.remove(setup.job(), this);
        }
        TransferSender.closeQuietly(socket);
        live.remove(this);
        connections.decrementAndGet();
        ended.countDown();
      }
      try {
        listener.ended(peer, outcome);
      } catch (RuntimeException e) {
        Logger.warn(e, "transfer receiver: listener failed on ended");
      }
    }

    private TransferOutcome handshakeAndReceive() {
      CbId sender;
      InputStream in;
      try {
        socket.setSoTimeout(timeouts.frameMillis());
        socket.setTcpNoDelay(true); // an ACK must not wait behind Nagle and a delayed ACK
        socket.startHandshake();
        if (!(PeerIdentity.of(socket.getSession()) instanceof PeerIdentity.CbIdentity cb)) {
          throw new IOException("the peer's certificate is not a CB certificate");
        }
        sender = cb.cbId();
        out = new BufferedOutputStream(socket.getOutputStream(), 1024);
        in = socket.getInputStream();
      } catch (IOException | java.security.cert.CertificateException e) {
        return failure(deadlinePassed.get() ? FailureReason.TIMEOUT
            : FailureReason.HANDSHAKE_FAILED, false, e.getMessage());
      }
      return receive(in, sender);
    }

    private TransferOutcome receive(InputStream in, CbId sender) {
      PartialStore.Partial partial = null;
      try {
        TransferMessage first;
        try {
          first = FrameCodec.read(in);
        } catch (UnsupportedVersionException e) {
          send(new Refuse(RefuseReason.UNSUPPORTED_VERSION, 0,
              "this receiver speaks version " + TransferMessage.VERSION));
          return failure(FailureReason.PROTOCOL_ERROR, false, e.getMessage());
        }
        if (!(first instanceof Setup setup)) {
          throw new MalformedMessageException(first.type() + " where SETUP is expected");
        }
        session.setup(setup);
        if (setup.totalBytes() > maxDocumentBytes) {
          return refuse(RefuseReason.TOO_LARGE, 0, setup.totalBytes()
              + " bytes is more than this receiver's " + maxDocumentBytes);
        }
        // VERIFY before a single byte of data is read: the address is the socket's own.
        VerifyResult verdict = verifier.verify(setup.job(), peer);
        if (verdict instanceof VerifyResult.Refused r) {
          return refuse(RefuseReason.of(r.reason()), 0, "VERIFY: " + r.reason());
        } else if (!(verdict instanceof VerifyResult.Confirmed)) {
          String why = verdict instanceof VerifyResult.Failed f ? f.why() : String.valueOf(verdict);
          return refuse(RefuseReason.VERIFY_FAILED, retrySeconds(), "VERIFY failed: " + why);
        }
        session.confirmed();
        CbId owner = store.ownerOf(setup.job());
        if (owner != null && !owner.equals(sender)) {
          return refuse(RefuseReason.NOT_THE_SENDER, 0, "job " + setup.job()
              + " is being received from another box");
        }
        Connection previous = jobs.put(setup.job(), this);
        if (previous != null) {
          previous.abort(true);
          previous.ended.await(timeouts.frame().toMillis(), TimeUnit.MILLISECONDS);
        }
        if (!admit()) {
          return closed ? refuse(RefuseReason.SHUTTING_DOWN, retrySeconds(), "closing")
              : refuse(RefuseReason.BUSY, retrySeconds(), "queue of " + queueLength + " is full");
        }
        String hex = ReceivedDocument.hex(setup.digest());
        if (hex.equals(store.completedDigest(setup.job()))) {
          return alreadyDelivered(in, setup);
        }
        try {
          partial = store.open(setup, sender);
        } catch (IOException e) {
          return fail(FailureReason.STORAGE_ERROR, true, "cannot open the partial: "
              + e.getMessage());
        }
        session.admitted(partial.durableChunks());
        prefix = new byte[(int) Math.min(setup.totalBytes(),
            DocumentCodec.headerSize(setup.pageCount()))];
        MessageDigest sha256 = DocumentCodec.newSha256();
        // The document is put together in memory as it arrives (the hand-over needs it whole
        // anyway), so that what is handed over is what was digested, without reading it back.
        byte[] document = new byte[(int) setup.totalBytes()];
        if (partial.durableChunks() > 0) {
          byte[] held;
          try {
            held = partial.read();
          } catch (IOException e) {
            return fail(FailureReason.STORAGE_ERROR, true, "cannot read the partial: "
                + e.getMessage());
          }
          sha256.update(held);
          prefixFilled = Math.min(prefix.length, held.length);
          System.arraycopy(held, 0, prefix, 0, prefixFilled);
          System.arraycopy(held, 0, document, 0, held.length);
        }
        committer = new ChunkCommitter(partial::force, sha256, new Acknowledger(),
            Thread.currentThread().getName() + "-commit");
        committer.start();
        send(new Accept(partial.durableChunks()));
        progress();
        while (true) {
          TransferMessage m = FrameCodec.read(in);
          if (m instanceof Chunk c) {
            session.check(c);
            // Written here, hashed, forced and acknowledged by the commit thread while this one
            // reads on: nothing is acknowledged before an fsync that covers it.
            try {
              partial.write(c);
            } catch (IOException e) {
              return fail(FailureReason.STORAGE_ERROR, true, "cannot store chunk " + c.index()
                  + ": " + e.getMessage());
            }
            session.written(c);
            chunkBytes += c.data().length;
            System.arraycopy(c.data(), 0, document, c.index() * setup.chunkSize(),
                c.data().length);
            fillPrefix(c);
            committer.written(c);
          } else if (m instanceof Done d) {
            session.done(d.digest());
            byte[] digest = committer.finish();
            return finish(partial, setup, sender, hex, digest, document);
          } else {
            throw new MalformedMessageException(m.type() + " where CHUNK or DONE is expected");
          }
        }
      } catch (MalformedMessageException | IllegalStateException e) {
        return fail(FailureReason.PROTOCOL_ERROR, false, e.getMessage());
      } catch (SocketTimeoutException e) {
        return fail(FailureReason.TIMEOUT, true, "no frame within " + timeouts.frame());
      } catch (IOException e) {
        if (committer != null
            && committer.failure() instanceof ChunkCommitter.StorageException s) {
          // the commit thread told the sender and closed the connection
          return failure(FailureReason.STORAGE_ERROR, true, "cannot force the partial: "
              + s.getMessage());
        }
        return lost(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failure(FailureReason.SHUTTING_DOWN, true, "interrupted");
      } finally {
        if (committer != null) {
          committer.abandon();
        }
        if (partial != null) {
          try {
            partial.close();
          } catch (IOException e) {
            Logger.warn("transfer receiver: closing the partial of {}: {}",
                session.setup().job(), e.getMessage());
          }
        }
      }
    }

    /**
     * After DONE: {@code digest} is the SHA-256 of {@code bytes}, the document as it arrived
     * (and, for a resume, as the partial held it, CRC-checked), computed while it arrived.
     */
    private TransferOutcome finish(PartialStore.Partial partial, Setup setup, CbId sender,
        String hex, byte[] digest, byte[] bytes) throws IOException {
      if (!MessageDigest.isEqual(digest, setup.digest())) {
        partial.discard();
        return fail(FailureReason.DIGEST_MISMATCH, false,
            "the data received does not have the SETUP's SHA-256 digest");
      }
      Document document;
      try {
        document = DocumentCodec.decode(bytes);
        if (document.pageCount() != setup.pageCount()) {
          throw new MalformedMessageException("document: " + document.pageCount()
              + " pages where the SETUP says " + setup.pageCount());
        }
      } catch (MalformedMessageException e) {
        partial.discard();
        return fail(FailureReason.MALFORMED_DOCUMENT, false, e.getMessage());
      }
      try {
        listener.completed(new ReceivedDocument(setup.job(), sender, peer, document, hex,
            bytes.length));
      } catch (Exception e) {
        Logger.warn(e, "transfer receiver: the listener did not take job {}", setup.job());
        return fail(FailureReason.NOT_DELIVERED, true, "the document could not be handed over");
      }
      partial.completed(hex);
      session.completed();
      send(new Complete(setup.totalBytes(), setup.pageCount()));
      return new TransferOutcome.Completed(counts());
    }

    /** A sender resumes a job already delivered (it lost COMPLETE): confirm, deliver nothing. */
    private TransferOutcome alreadyDelivered(InputStream in, Setup setup) throws IOException {
      session.admitted(setup.chunkCount());
      prefixFilled = 0;
      send(new Accept(setup.chunkCount()));
      TransferMessage m = FrameCodec.read(in);
      if (!(m instanceof Done d)) {
        throw new MalformedMessageException(m.type() + " where DONE is expected");
      }
      session.done(d.digest());
      session.completed();
      send(new Complete(setup.totalBytes(), setup.pageCount()));
      pageEnds = new long[setup.pageCount()];
      return new TransferOutcome.Completed(counts());
    }

    private boolean admit() throws IOException, InterruptedException {
      if (slots.tryAcquire(0, TimeUnit.MILLISECONDS)) {
        holdsSlot = true;
        return true;
      }
      synchronized (queue) {
        if (queue.size() >= queueLength || closed) {
          return false;
        }
        queue.add(this);
      }
      long beat = Math.max(1, timeouts.frame().toMillis() / 3);
      while (!closed) {
        send(new Wait(position()));
        if (slots.tryAcquire(beat, TimeUnit.MILLISECONDS)) {
          holdsSlot = true;
          queue.remove(this);
          return true;
        }
        if (superseded || shuttingDown) {
          throw new EOFException("connection closed while queued");
        }
      }
      queue.remove(this);
      return false;
    }

    private int position() {
      int i = 1;
      for (Connection c : queue) {
        if (c == this) {
          return i;
        }
        i++;
      }
      return i;
    }

    private synchronized void fillPrefix(Chunk c) {
      long start = (long) c.index() * session.setup().chunkSize();
      if (start < prefix.length) {
        int n = (int) Math.min(c.data().length, prefix.length - start);
        System.arraycopy(c.data(), 0, prefix, (int) start, n);
        prefixFilled = Math.max(prefixFilled, (int) start + n);
      }
    }

    private synchronized int pages(long bytes) {
      if (pageEnds == null) {
        try {
          pageEnds = DocumentCodec.pageEnds(prefix, prefixFilled);
        } catch (MalformedMessageException e) {
          return 0; // the digest check at the end decides
        }
        if (pageEnds == null) {
          return 0;
        }
      }
      int p = 0;
      while (p < pageEnds.length && pageEnds[p] <= bytes) {
        p++;
      }
      return p;
    }

    private void progress() {
      Setup s = session.setup();
      long bytes = session.bytesReceived();
      try {
        listener.progress(new TransferProgress(TransferProgress.Side.RECEIVER, s.job(), bytes,
            s.totalBytes(), pages(bytes), s.pageCount(), session.chunksReceived(),
            s.chunkCount()));
      } catch (RuntimeException e) {
        Logger.warn(e, "transfer receiver: listener failed on progress");
      }
    }

    private TransferOutcome refuse(RefuseReason reason, int retry, String detail) {
      session.refused();
      try {
        send(new Refuse(reason, retry, TransferMessage.clip(detail)));
      } catch (IOException e) {
        // the sender went away; it is refused all the same
      }
      Setup s = session.setup();
      return new TransferOutcome.Refused(reason, retry, detail, new TransferCounts(s.job(),
          s.totalBytes(), s.pageCount(), 0, 0, -1, 0));
    }

    /** Tells the sender FAILED (if the connection still works) and returns the outcome. */
    private TransferOutcome fail(FailureReason reason, boolean resumable, String detail) {
      if (superseded || shuttingDown || deadlinePassed.get()) {
        return lost(null);
      }
      try {
        send(new Failed(reason, resumable, TransferMessage.clip(detail)));
      } catch (IOException e) {
        // it went away
      }
      return failure(reason, resumable, detail);
    }

    private TransferOutcome lost(IOException e) {
      if (superseded) {
        return failure(FailureReason.SUPERSEDED, true, "a newer connection took the job over");
      }
      if (shuttingDown) {
        return failure(FailureReason.SHUTTING_DOWN, true, "the receiver closed");
      }
      if (deadlinePassed.get()) {
        return failure(FailureReason.TIMEOUT, true, "overall deadline " + timeouts.overall()
            + " passed");
      }
      return failure(FailureReason.CONNECTION_LOST, true, e instanceof EOFException
          ? "the sender closed the connection" : e == null ? "lost" : e.getMessage());
    }

    private TransferOutcome failure(FailureReason reason, boolean resumable, String detail) {
      if (committer != null) {
        committer.settle(); // what was written is durable before it is counted
      }
      session.failed();
      return new TransferOutcome.Failed(reason, resumable, detail, counts());
    }

    private TransferCounts counts() {
      Setup s = session.setup();
      if (s == null) {
        return new TransferCounts(null, 0, 0, 0, 0, -1, 0);
      }
      long bytes = session.bytesReceived();
      return new TransferCounts(s.job(), s.totalBytes(), s.pageCount(), bytes, pages(bytes),
          session.resumedFrom(), chunkBytes);
    }

    private void send(TransferMessage m) throws IOException {
      synchronized (out) { // the commit thread sends the ACKs
        FrameCodec.write(out, m);
      }
    }

    /** The commit thread's view of this connection: ACK after fsync, or end it on failure. */
    private final class Acknowledger implements ChunkCommitter.Durable {
      @Override
      public void upTo(int index, boolean acknowledge) throws IOException {
        session.durable(index);
        if (acknowledge) {
          send(new Ack(index));
        }
        progress();
      }

      @Override
      public void failed(IOException e) {
        if (e instanceof ChunkCommitter.StorageException) {
          try {
            send(new Failed(FailureReason.STORAGE_ERROR, true,
                TransferMessage.clip("cannot force the partial: " + e.getMessage())));
          } catch (IOException ignored) {
            // the sender went away
          }
        }
        TransferSender.closeQuietly(socket); // wakes the connection's thread
      }
    }
  }

  private int retrySeconds() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, retryAfter.toSeconds()));
  }

  /**
   * Builder of a {@link TransferReceiver}. Defaults: bind to every address, port 0 (any free
   * one; read it with {@link #port()}), 1 concurrent transfer, queue of 4, 16 connections,
   * documents up to 64 MiB, retry advice 60 s, timeouts {@link TransferTimeouts#DEFAULTS}, the
   * senders' shared deadline scheduler. Required: TLS context, folder, verifier, listener.
   */
  public static final class Builder {
    private TlsContext tls;
    private InetAddress bindAddress;
    private int port;
    private Path folder;
    private Verifier verifier;
    private Listener listener;
    private int concurrentTransfers = 1;
    private int queueLength = 4;
    private int maxConnections = 16;
    private long maxDocumentBytes = 64L << 20;
    private Duration retryAfter = Duration.ofSeconds(60);
    private TransferTimeouts timeouts = TransferTimeouts.DEFAULTS;
    private Scheduler scheduler;

    private Builder() {}

    /** The box's TLS context: its CB certificate, accepting only CB peers. */
    public Builder tls(TlsContext tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /** Where to listen; null: every address. */
    public Builder bind(InetAddress address, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 0..65535");
      }
      this.bindAddress = address;
      this.port = port;
      return this;
    }

    /** The folder of the partial documents (created if absent; keep it on durable storage). */
    public Builder folder(Path folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    public Builder verifier(Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Transfers receiving data at the same time. */
    public Builder concurrentTransfers(int n) {
      this.concurrentTransfers = n;
      return this;
    }

    /** Verified transfers that may wait for a slot; beyond them a SETUP is refused BUSY. */
    public Builder queueLength(int n) {
      this.queueLength = n;
      return this;
    }

    /** Open connections at most, whatever their state. */
    public Builder maxConnections(int n) {
      this.maxConnections = n;
      return this;
    }

    /** Largest document accepted; a larger SETUP is refused TOO_LARGE. */
    public Builder maxDocumentBytes(long n) {
      this.maxDocumentBytes = n;
      return this;
    }

    /** Retry advice given with BUSY and VERIFY_FAILED refusals. */
    public Builder retryAfter(Duration d) {
      this.retryAfter = Objects.requireNonNull(d, "retryAfter");
      return this;
    }

    public Builder timeouts(TransferTimeouts timeouts) {
      this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
      return this;
    }

    /** The scheduler of the overall deadline of each connection. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds, binds and starts the receiver.
     *
     * @throws IllegalStateException if something required is missing or a limit is out of range
     * @throws IOException if the folder cannot be created or the port cannot be bound
     */
    public TransferReceiver start() throws IOException {
      if (tls == null || folder == null || verifier == null || listener == null) {
        throw new IllegalStateException("TLS context, folder, verifier and listener are required");
      }
      if (concurrentTransfers < 1 || queueLength < 0 || maxConnections < concurrentTransfers
          || maxDocumentBytes < 1 || maxDocumentBytes > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("limits out of range: concurrent " + concurrentTransfers
            + ", queue " + queueLength + ", connections " + maxConnections + ", document "
            + maxDocumentBytes);
      }
      if (scheduler == null) {
        scheduler = TransferSender.Builder.sharedScheduler();
      }
      TransferReceiver r = new TransferReceiver(this);
      r.start();
      return r;
    }
  }
}
