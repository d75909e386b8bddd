package org.connectivitybox.firmware.coordinator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.EventListener;
import org.connectivitybox.firmware.config.Configurator;
import org.connectivitybox.firmware.config.LocalNapFailures;
import org.connectivitybox.firmware.http.CssClient;
import org.connectivitybox.firmware.http.Outcome;
import org.connectivitybox.firmware.line.LineException;
import org.connectivitybox.firmware.line.NapLine;
import org.connectivitybox.firmware.store.AddressBook;
import org.connectivitybox.firmware.store.BoxStore;
import org.connectivitybox.firmware.store.StoreCorruption;
import org.connectivitybox.protocols.absync.AddressBookDownload;
import org.connectivitybox.protocols.config.OperationalTimeouts;
import org.connectivitybox.protocols.config.Parameters190;
import org.connectivitybox.protocols.config.Parameters191;
import org.connectivitybox.protocols.connection.BoxConnectionManager;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.DisconnectResponse;
import org.connectivitybox.protocols.document.Document;
import org.connectivitybox.protocols.document.DocumentCodec;
import org.connectivitybox.protocols.ppp.Credentials;
import org.connectivitybox.protocols.pstn.WakeupVerdict;
import org.connectivitybox.protocols.sendreceive.BoxSendReceiveManager;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.Metering;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.sequence.ActionIndicators;
import org.connectivitybox.protocols.sequence.Task;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CertificatePurpose;
import org.connectivitybox.protocols.tls.TlsContext;
import org.connectivitybox.protocols.tls.TlsContexts;
import org.connectivitybox.protocols.transfer.ReceivedDocument;
import org.connectivitybox.protocols.transfer.TransferCounts;
import org.connectivitybox.protocols.transfer.TransferOutcome;
import org.connectivitybox.protocols.transfer.TransferProgress;
import org.connectivitybox.protocols.transfer.TransferReceiver;
import org.connectivitybox.protocols.transfer.TransferSender;
import org.connectivitybox.protocols.transfer.VerifyResult;
import org.tinylog.Logger;

/**
 * The coordinator 40: runs the box's operational phases (Figure 5) for the user's SEND and for
 * the CSS's wakeups, one run at a time, and returns to IDLE with the line hung up on every path.
 *
 * <p>A run dials the local NAP ({@link NapLine}), starts the data-transfer receiver on the
 * leased address, CONNECTs through the connection manager (Figure 3) and then:
 * <ul>
 *   <li><b>sender</b> (user's SEND): the send/receive manager (Figure 4) SENDs, the transfer goes
 *       to the receiver's address with interim METERING every quarter; if the line drops the box
 *       calls again (new address) and the transfer resumes from the last acknowledged chunk;
 *       final METERING; DISCONNECT.
 *   <li><b>receiver</b> (wakeup): waits On Line; each incoming set-up is VERIFYed with the CSS
 *       before any data is accepted; a complete document is printed, then final METERING; the
 *       On Line timeout (no activity) ends the connection with DISCONNECT.
 * </ul>
 * Runs execute on the coordinator's own thread; listeners hear of phases and progress.
 */
public final class Coordinator implements NapLine.Listener, AutoCloseable {

  /** Hears what the box is doing: the UI manager, the timeline, the event log. */
  public interface Listener {
    default void phase(Phase phase, String detail) {}

    default void sendProgress(TransferProgress progress) {}

    default void sendEnded(SendResult result) {}

    default void receiveProgress(TransferProgress progress) {}

    /** A document arrived whole and was printed at {@code printed}. */
    default void received(ReceivedDocument document, String printed) {}

    /** A document arrived but could not be printed. */
    default void printFailed(ReceivedDocument document, String why) {}
  }

  /** Prints a received document; returns where (a file path or a printer job URI). */
  @FunctionalInterface
  public interface DocumentPrinter {
    String print(ReceivedDocument document) throws Exception;
  }

  /**
   * What a coordinator needs besides its line.
   *
   * @param cssTls the box's TLS context towards the CSS: its CB certificate and key, the Root
   *     CA, peers of purpose CSS_SERVER only
   * @param peerTls the same identity towards other boxes: peers of purpose CB only
   * @param spool folder for incoming partial documents (kept across restarts)
   * @param redials how often a sender calls again after a dropped line
   * @param reconfiguration the configuration port and retry pause of a reconfiguration (the
   *     CSS's configuration sequence number bumped by 1 or 2, or {@link LocalNapFailures})
   */
  public record Settings(Parameters191 parameters, TlsContext cssTls, TlsContext peerTls,
      Path spool, int redials, Configurator.Settings reconfiguration) {
    /** With the configuration port of docs/configuration.md and real pauses. */
    public Settings(Parameters191 parameters, TlsContext cssTls, TlsContext peerTls, Path spool,
        int redials) {
      this(parameters, cssTls, peerTls, spool, redials, Configurator.Settings.DEFAULTS);
    }

    /** These settings with the parameters 191 now in {@code store} (after a reconfiguration). */
    Settings reloaded(BoxStore store) throws StoreCorruption {
      Parameters190 p190 = store.parameters190();
      Parameters191 p191 = store.parameters191().orElseThrow(
          () -> new StoreCorruption("params191", "no parameters 191 after a reconfiguration",
              null));
      TlsContext css = TlsContexts.builder().identity(p190.privateKey(), p191.cbCertificate())
          .trustAnchor(p190.rootCaCertificate()).acceptPeers(CertificatePurpose.CSS_SERVER)
          .build();
      TlsContext peer = TlsContexts.builder().identity(p190.privateKey(), p191.cbCertificate())
          .trustAnchor(p190.rootCaCertificate()).acceptPeers(CertificatePurpose.CB).build();
      return new Settings(p191, css, peer, spool, redials, reconfiguration);
    }
  }

  /** A reconfiguration through the configuration NAP to run once the current run has ended. */
  private record Pending(String why, OptionalLong cssNumber) {}

  private volatile Settings settings;
  private final BoxStore store;
  private final DocumentPrinter printer;
  private final Listener listener;
  private final NapLine line;
  private final ExecutorService runs =
      Executors.newSingleThreadExecutor(r -> daemon(r, "coordinator"));
  private final ExecutorService calls =
      Executors.newSingleThreadExecutor(r -> daemon(r, "coordinator-css"));
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "coordinator-timers"));
  private final Scheduler scheduler = Scheduler.of(timers);
  private final AtomicBoolean busy = new AtomicBoolean();
  private volatile OnLine current;
  private volatile Phase phase = Phase.IDLE;
  private final LocalNapFailures localNapFailures;
  private final AtomicReference<Pending> pending = new AtomicReference<>();
  private volatile Configurator configurator;

  /**
   * @param lineFactory makes the box's line with this coordinator as its listener
   */
  public Coordinator(Settings settings, BoxStore store, DocumentPrinter printer,
      Function<NapLine.Listener, NapLine> lineFactory, Listener listener) {
    this(settings, store, printer, lineFactory, listener, new LocalNapFailures());
  }

  /**
   * @param localNapFailures counts failed attempts in a row to reach the CSS through the local
   *     NAP (dial, login or CONNECT); at its limit the box reconfigures itself through the
   *     configuration NAP after the run
   */
  public Coordinator(Settings settings, BoxStore store, DocumentPrinter printer,
      Function<NapLine.Listener, NapLine> lineFactory, Listener listener,
      LocalNapFailures localNapFailures) {
    this.localNapFailures = Objects.requireNonNull(localNapFailures, "localNapFailures");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.store = Objects.requireNonNull(store, "store");
    this.printer = Objects.requireNonNull(printer, "printer");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.line = lineFactory.apply(this);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** The phase the box is in. */
  public Phase phase() {
    return phase;
  }

  /** The parameters 191 the box operates with (new ones after a reconfiguration). */
  public Parameters191 parameters() {
    return settings.parameters();
  }

  /** Whether a run is in progress (or queued). */
  public boolean busy() {
    return busy.get();
  }

  /**
   * The user pressed SEND: sends {@code document} to the box named {@code receiver}.
   *
   * @return completes when the run is over, with how it ended; never exceptionally
   */
  public CompletableFuture<SendResult> send(CbName receiver, String friendlyName,
      Document document) {
    CompletableFuture<SendResult> result = new CompletableFuture<>();
    if (!busy.compareAndSet(false, true)) {
      result.complete(new SendResult.Failed("BUSY", "the box is busy with another job"));
      return result;
    }
    runs.execute(() -> {
      SendResult r;
      try {
        r = sendRun(receiver, friendlyName, document);
      } catch (RuntimeException e) {
        Logger.error(e, "send run failed");
        r = new SendResult.Failed("ERROR", e.toString());
      } finally {
        runEnded();
      }
      listener.sendEnded(r);
      result.complete(r);
    });
    return result;
  }

  @Override
  public void wakeup(WakeupVerdict verdict) {
    if (!busy.compareAndSet(false, true)) {
      Logger.info("wakeup ignored: the box is busy");
      return;
    }
    runs.execute(() -> {
      try {
        receiveRun(verdict);
      } catch (RuntimeException e) {
        Logger.error(e, "receive run failed");
      } finally {
        runEnded();
      }
    });
  }

  /**
   * On the run thread, as a run ends: frees the box, or keeps it busy and queues the pending
   * reconfiguration through the configuration NAP (it runs once the run's listeners are told).
   */
  private void runEnded() {
    Pending p = pending.getAndSet(null);
    if (p == null) {
      busy.set(false);
      return;
    }
    try {
      runs.execute(() -> {
        try {
          reconfigureThroughConfigNap(p);
        } catch (RuntimeException e) {
          Logger.error(e, "reconfiguration failed");
        } finally {
          busy.set(false);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      busy.set(false); // stopping
    }
  }

  /**
   * Phase II through the configuration NAP ({@link Configurator}, retried with back-off until it
   * succeeds or the coordinator is closed) over the box's idle line, then the new parameters 191
   * are taken into use at once: the next dial uses the new login, the CBS monitor the new wakeup
   * parameters.
   */
  private void reconfigureThroughConfigNap(Pending p) {
    Logger.info("reconfiguration through the configuration NAP: {}", p.why());
    phase(Phase.CONNECTING, "Reconfiguring (configuration NAP)");
    Configurator c = configurator(Configurator.Mode.CONFIG_NAP);
    try {
      c.run(Configurator.Mode.CONFIG_NAP);
      reconfigured(p.cssNumber());
    } catch (InterruptedException e) {
      Logger.warn("reconfiguration stopped");
      Thread.currentThread().interrupt();
    } catch (StoreCorruption e) {
      Logger.error("cannot reconfigure: {}", e.getMessage());
    } finally {
      configurator = null;
      phase(Phase.IDLE, "Ready");
    }
  }

  private Configurator configurator(Configurator.Mode mode) {
    Configurator c = new Configurator(store, line, settings.reconfiguration(),
        new Configurator.Listener() {
          @Override
          public void step(Configurator.Mode m, Configurator.Step step) {
            listener.phase(phase, "Setting up... " + step.number() + " of 3: "
                + step.name().toLowerCase(java.util.Locale.ROOT));
          }

          @Override
          public void failed(Configurator.Mode m, Configurator.Failure failure, String detail,
              Duration retryIn) {
            listener.phase(phase, "Setting up failed: " + failure + "; retry in "
                + retryIn.toSeconds() + " s");
          }
        });
    configurator = c;
    return c;
  }

  /**
   * New parameters 191 are stored: the box takes the CSS's configuration sequence number (if
   * the CSS asked for the reconfiguration), clears the indicator and operates with them.
   */
  private void reconfigured(OptionalLong cssNumber) throws StoreCorruption {
    if (cssNumber.isPresent()) {
      try {
        BoxStore.SequenceState s = store.sequenceState();
        store.writeSequenceState(new BoxStore.SequenceState(
            s.numbers().with(Task.CONFIGURATION, cssNumber.getAsLong()),
            s.indicators().cleared(Task.CONFIGURATION)));
      } catch (IOException e) {
        Logger.error("cannot keep the configuration sequence number: {}", e.getMessage());
      }
    }
    settings = settings.reloaded(store);
    line.wakeupParameters(settings.parameters().wakeup());
    localNapFailures.succeeded();
    Logger.info("reconfigured: operating as {} (\"{}\") with new parameters 191",
        settings.parameters().cbName(), settings.parameters().friendlyName());
  }

  @Override
  public void lineLost(String why) {
    Configurator c = configurator;
    if (c != null) {
      c.lineLost(why);
    }
    OnLine o = current;
    if (o != null) {
      Logger.warn("line lost: {}", why);
      o.lost(why);
    }
  }

  private void phase(Phase p, String detail) {
    phase = p;
    Logger.info("phase {}: {}", p, detail);
    listener.phase(p, detail);
  }

  // ---------------------------------------------------------------- sender

  private SendResult sendRun(CbName receiver, String friendlyName, Document document) {
    // Encoded and hashed once per document; every attempt (a resume after a redial) sends these.
    byte[] encoded = DocumentCodec.encode(document);
    byte[] digest = DocumentCodec.sha256(encoded);
    String sha256 = HexFormat.of().formatHex(digest);
    OnLine o = null;
    try {
      phase(Phase.CONNECTING, "Dialling");
      o = onLine();
      phase(Phase.SEND_VERIFY, "Waiting for " + friendlyName);
      SenderEffects effects = new SenderEffects(o);
      BoxSendReceiveManager job = new BoxSendReceiveManager(timeouts().stall(), scheduler,
          effects);
      job.send(receiver);
      Outcome<SendResponse> sent = o.css.send(effects.send);
      if (!(sent instanceof Outcome.Answered<SendResponse> a)) {
        job.exchangeFailed();
        return new SendResult.Failed("NO ANSWER", "SEND: " + sent);
      }
      job.onSendResponse(a.response());
      if (!a.response().accepted()) {
        return new SendResult.Refused(a.response().refusal().name());
      }
      JobNumber number = effects.job;
      TransferAddress to = effects.receiver;
      phase(Phase.TRANSFER, "Sending to " + friendlyName);
      TransferOutcome outcome = null;
      for (int attempt = 0; ; attempt++) {
        OnLine now = o;
        outcome = TransferSender.builder().tls(settings.peerTls())
            .socketFactory(now.session.sockets()).localAddress(now.session.local())
            .chunkSize(chunkSize(now.session.rateBps()))
            .scheduler(scheduler).progress(p -> {
              listener.sendProgress(p);
              effects.progress(job, p);
            }).build().send(number, encoded, digest, to);
        if (!(outcome instanceof TransferOutcome.Failed f) || !f.resumable()
            || attempt >= settings.redials()) {
          break;
        }
        phase(Phase.CONNECTING, "Line dropped; calling again");
        o.end();
        o = null;
        o = onLine();
        effects.online = o;
        phase(Phase.TRANSFER, "Resuming to " + friendlyName);
      }
      phase(Phase.METERING, "Reporting to the CSS");
      TransferCounts counts = counts(outcome);
      boolean ok = outcome instanceof TransferOutcome.Completed;
      if (job.state() == BoxSendReceiveManager.State.SENDING) {
        job.transferEnded(counts == null ? 0 : counts.bytes(),
            counts == null ? 0 : counts.pages(), ok);
      }
      if (ok) {
        return new SendResult.Delivered(number, sha256, counts);
      }
      return failure(outcome);
    } catch (RunFailure e) {
      return new SendResult.Failed(e.shortReason, e.getMessage());
    } finally {
      end(o);
    }
  }

  /**
   * About a second of line time per chunk on a modem line (so a dropped call loses little and
   * the receiver acknowledges often), the protocol's default on faster links.
   */
  static int chunkSize(int rateBps) {
    return rateBps > 0 && rateBps <= 128_000 ? 4096 : TransferSender.DEFAULT_CHUNK_SIZE;
  }

  private static TransferCounts counts(TransferOutcome outcome) {
    return outcome == null ? null : outcome.counts();
  }

  private static SendResult failure(TransferOutcome outcome) {
    if (outcome instanceof TransferOutcome.Refused r) {
      return new SendResult.Refused(r.reason().name());
    }
    TransferOutcome.Failed f = (TransferOutcome.Failed) outcome;
    return new SendResult.Failed(f.reason().name().replace('_', ' '), f.detail());
  }

  /** The sender's send/receive manager effects: requests kept for the run, METERING sent. */
  private final class SenderEffects implements BoxSendReceiveManager.Listener {
    volatile OnLine online;
    SendRequest send;
    JobNumber job;
    TransferAddress receiver;
    private int lastQuarter;

    SenderEffects(OnLine online) {
      this.online = online;
    }

    @Override
    public void sendSend(SendRequest request) {
      send = request;
    }

    @Override
    public void startTransfer(JobNumber number, TransferAddress address) {
      job = number;
      receiver = address;
    }

    @Override
    public void sendMetering(Metering metering) {
      OnLine o = online;
      calls.execute(() -> {
        Outcome<Metering> r = o.css.metering(metering);
        if (!(r instanceof Outcome.Answered)) {
          Logger.warn("METERING {} not taken: {}", metering, r);
        }
      });
      o.activity();
    }

    void progress(BoxSendReceiveManager manager, TransferProgress p) {
      online.activity();
      int quarter = p.percent() / 25;
      if (quarter > lastQuarter && quarter < 4
          && manager.state() == BoxSendReceiveManager.State.SENDING) {
        lastQuarter = quarter;
        manager.interimMetering(p.bytes(), p.pages());
      }
    }
  }

  // -------------------------------------------------------------- receiver

  private void receiveRun(WakeupVerdict verdict) {
    OnLine o = null;
    try {
      phase(Phase.CONNECTING, "Woken by the CSS (" + verdict.reason() + ")");
      o = onLine();
      phase(Phase.SEND_VERIFY, "Waiting for the sender");
      o.awaitEnd();
    } catch (RunFailure e) {
      Logger.warn("could not come on line after a wakeup: {}", e.getMessage());
      listener.phase(Phase.IDLE, "Failed: " + e.shortReason);
    } finally {
      end(o);
    }
  }

  private VerifyResult verify(JobNumber job, InetAddress sender) {
    OnLine o = current;
    if (o == null) {
      return new VerifyResult.Failed("the box is not on line");
    }
    o.activity();
    phase(Phase.SEND_VERIFY, "Checking the sender");
    Outcome<VerifyResponse> r = o.css.verify(new VerifyRequest(job, sender));
    if (r instanceof Outcome.Answered<VerifyResponse> a) {
      if (a.response().confirmed()) {
        phase(Phase.TRANSFER, "Receiving");
        return new VerifyResult.Confirmed();
      }
      return new VerifyResult.Refused(a.response().refusal());
    }
    return new VerifyResult.Failed("VERIFY: " + r);
  }

  private final TransferReceiver.Listener received = new TransferReceiver.Listener() {
    @Override
    public void completed(ReceivedDocument document) throws Exception {
      String where;
      try {
        where = printer.print(document);
      } catch (Exception e) {
        listener.printFailed(document, e.getMessage());
        throw e;
      }
      Logger.info("job {} printed at {} (sha256 {})", document.job(), where, document.sha256());
      listener.received(document, where);
    }

    @Override
    public void progress(TransferProgress progress) {
      OnLine o = current;
      if (o != null) {
        o.activity();
      }
      listener.receiveProgress(progress);
    }

    @Override
    public void ended(InetAddress peer, TransferOutcome outcome) {
      OnLine o = current;
      TransferCounts counts = counts(outcome);
      if (o == null || counts == null || counts.job() == null) {
        return;
      }
      boolean resumable = outcome instanceof TransferOutcome.Failed f && f.resumable();
      if (outcome instanceof TransferOutcome.Refused || resumable) {
        return; // no data accepted, or the sender will call again: the job goes on
      }
      phase(Phase.METERING, "Reporting to the CSS");
      Metering m = counts.finalMetering(outcome instanceof TransferOutcome.Completed);
      Outcome<Metering> r = o.css.metering(m);
      if (!(r instanceof Outcome.Answered)) {
        Logger.warn("final METERING of job {} not taken: {}", counts.job(), r);
      }
      o.activity();
      phase(Phase.SEND_VERIFY, "On line");
    }
  };

  // ---------------------------------------------------------------- on line

  private OperationalTimeouts timeouts() {
    return settings.parameters().timeouts();
  }

  /** A failed step of a run, with the LCD's short reason. */
  private static final class RunFailure extends Exception {
    final String shortReason;

    RunFailure(String shortReason, String detail) {
      super(detail);
      this.shortReason = shortReason;
    }
  }

  /** Dials in, starts the receiver, CONNECTs. */
  private OnLine onLine() throws RunFailure {
    Parameters191 p = settings.parameters();
    NapLine.Session session;
    try {
      session = line.dialIn(p.localNapNumber(),
          new Credentials(p.localNapUserName(), p.localNapPassword()),
          timeouts().callSetup(), timeouts().login());
    } catch (LineException e) {
      localNapFailed("dial: " + e.getMessage());
      throw new RunFailure(e.shortReason(), e.getMessage());
    }
    TransferReceiver receiver;
    try {
      receiver = TransferReceiver.builder().tls(settings.peerTls()).bind(session.local(), 0)
          .folder(settings.spool()).verifier(this::verify).listener(received)
          .scheduler(scheduler).start();
    } catch (IOException | RuntimeException e) {
      line.hangUp();
      throw new RunFailure("NO RECEIVER", "cannot start the data-transfer server: " + e);
    }
    CssClient css = CssClient.create(URI.create("https://" + p.css()), settings.cssTls(),
        timeouts().sendWait(), EventListener.NONE, session.sockets());
    OnLine o = new OnLine(session, receiver, css);
    current = o;
    o.connect();
    return o;
  }

  /** A failed attempt to reach the CSS through the local NAP; the N-th in a row reconfigures. */
  private void localNapFailed(String why) {
    if (localNapFailures.failed()) {
      Logger.warn("the CSS was not reached through the local NAP {} times in a row ({}): the"
          + " box reconfigures itself through the configuration NAP", LocalNapFailures
          .DEFAULT_LIMIT, why);
      pending.compareAndSet(null, new Pending("the local NAP failed repeatedly",
          OptionalLong.empty()));
    }
  }

  private void end(OnLine o) {
    if (o != null) {
      phase(Phase.DISCONNECTING, "Hanging up");
      o.end();
    }
    current = null;
    phase(Phase.IDLE, "Ready");
  }

  /** One session on line: the link, the receiver, the CSS client, the connection manager. */
  private final class OnLine implements BoxConnectionManager.Listener {
    final NapLine.Session session;
    final TransferReceiver receiver;
    final CssClient css;
    final BoxConnectionManager connection;
    private ConnectRequest connect;
    private DisconnectRequest disconnect;
    private String lostBecause;
    private boolean ended;

    OnLine(NapLine.Session session, TransferReceiver receiver, CssClient css) {
      this.session = session;
      this.receiver = receiver;
      this.css = css;
      this.connection = new BoxConnectionManager(this::ownNumbers, receiver.port(),
          timeouts().onLine(), BoxConnectionManager.TimeoutAction.DISCONNECT, scheduler, this);
    }

    /** The box's number of every task it knows; a task never done counts as 0. */
    private org.connectivitybox.protocols.sequence.SequenceNumbers ownNumbers() {
      try {
        var stored = store.sequenceState().numbers();
        var all = org.connectivitybox.protocols.sequence.SequenceNumbers.NONE;
        for (Task t : Task.values()) {
          all = all.with(t, stored.get(t).orElse(0L));
        }
        return all;
      } catch (StoreCorruption e) {
        Logger.error("{}; CONNECT with no sequence numbers", e.getMessage());
        return org.connectivitybox.protocols.sequence.SequenceNumbers.NONE;
      }
    }

    void connect() throws RunFailure {
      connection.connect();
      Outcome<ConnectResponse> r = css.connect(connect);
      if (!(r instanceof Outcome.Answered<ConnectResponse> a)) {
        connection.linkLost();
        end();
        localNapFailed("CONNECT: " + r);
        throw new RunFailure("NO CSS", "CONNECT: " + r);
      }
      localNapFailures.succeeded();
      connection.onConnectResponse(a.response());
      if (!a.response().granted()) {
        end();
        throw new RunFailure("REFUSED", "CONNECT refused: " + a.response().refusal());
      }
      a.response().mismatched().get(Task.ADDRESS_BOOK).ifPresent(this::downloadAddressBook);
      a.response().mismatched().get(Task.CONFIGURATION).ifPresent(this::configurationMismatch);
    }

    /**
     * The configuration task (docs/configuration.md, "Reconfiguration"): the CSS's number one
     * above the box's means Phase II through the configuration NAP once this run has ended; two
     * above means the CSS PUTs new parameters 191 now, over this session, to the configuration
     * endpoint served on the session's address; any other difference is logged and left.
     */
    private void configurationMismatch(long cssNumber) {
      long boxNumber = ownNumbers().get(Task.CONFIGURATION).orElse(0L);
      Optional<Configurator.Mode> mode = Configurator.modeFor(boxNumber, cssNumber);
      if (mode.isEmpty()) {
        Logger.warn("configuration sequence number {} at the CSS, {} here: no reconfiguration"
            + " rule for that difference", cssNumber, boxNumber);
        return;
      }
      if (mode.get() == Configurator.Mode.CONFIG_NAP) {
        Logger.info("configuration sequence number {} -> {}: reconfiguration through the"
            + " configuration NAP after this call", boxNumber, cssNumber);
        pending.set(new Pending("the CSS bumped the configuration number to " + cssNumber,
            OptionalLong.of(cssNumber)));
        return;
      }
      Logger.info("configuration sequence number {} -> {}: the CSS configures the box over"
          + " this call", boxNumber, cssNumber);
      listener.phase(Phase.CONNECTING, "Reconfiguring (local NAP)");
      Configurator c = configurator(Configurator.Mode.LOCAL_NAP);
      try {
        Configurator.Attempt done = c.serveOn(session);
        if (done instanceof Configurator.Attempt.Configured) {
          reconfigured(OptionalLong.of(cssNumber));
          connection.taskDone(Task.CONFIGURATION);
        } else {
          Logger.warn("reconfiguration over the local NAP failed: {}; the task stays pending",
              done);
        }
      } catch (StoreCorruption e) {
        Logger.error("cannot reconfigure: {}", e.getMessage());
      } finally {
        configurator = null;
      }
    }

    /**
     * The address-book task: the CSS's number differs from the box's, so the master address book
     * replaces the box's (entries the user added on the keypad and the CSS does not list yet are
     * kept), and the box takes the CSS's number. The three-way merge of Figures 12–14 will
     * replace this download.
     */
    private void downloadAddressBook(long cssNumber) {
      Outcome<AddressBookDownload> r = css.addressBook();
      if (!(r instanceof Outcome.Answered<AddressBookDownload> a)) {
        Logger.warn("ABGET failed: {}; the address-book task stays pending", r);
        return;
      }
      try {
        AddressBook book = AddressBook.EMPTY;
        for (AddressBookDownload.Entry e : a.response().entries()) {
          String friendly = e.friendlyName().length() > AddressBook.MAX_FRIENDLY_NAME
              ? e.friendlyName().substring(0, AddressBook.MAX_FRIENDLY_NAME) : e.friendlyName();
          book = book.with(new AddressBook.Entry(friendly, e.cbName()));
        }
        for (AddressBook.Entry mine : store.addressBook().entries()) {
          if (book.find(mine.cbName()).isEmpty() && book.find(mine.friendlyName()).isEmpty()) {
            book = book.with(mine);
          }
        }
        store.writeAddressBook(book);
        BoxStore.SequenceState s = store.sequenceState();
        store.writeSequenceState(new BoxStore.SequenceState(
            s.numbers().with(Task.ADDRESS_BOOK, a.response().sequenceNumber()),
            s.indicators().cleared(Task.ADDRESS_BOOK)));
        connection.taskDone(Task.ADDRESS_BOOK);
        Logger.info("address book downloaded: {} entries, sequence number {}",
            book.entries().size(), a.response().sequenceNumber());
        listener.phase(Phase.CONNECTING, "Address book updated (" + book.entries().size()
            + " entries)");
      } catch (IOException | StoreCorruption | IllegalArgumentException e) {
        Logger.error("cannot store the downloaded address book: {}", e.getMessage());
      }
    }

    void activity() {
      if (connection.state() == BoxConnectionManager.State.ON_LINE) {
        connection.activity();
      }
    }

    @Override
    public void sendConnect(ConnectRequest request) {
      connect = request;
    }

    @Override
    public synchronized void sendDisconnect(DisconnectRequest request) {
      disconnect = request;
      notifyAll();
    }

    @Override
    public void actionIndicatorsChanged(ActionIndicators indicators) {
      try {
        BoxStore.SequenceState s = store.sequenceState();
        store.writeSequenceState(new BoxStore.SequenceState(s.numbers(), indicators));
      } catch (IOException | StoreCorruption e) {
        Logger.error("cannot keep the action indicators: {}", e.getMessage());
      }
    }

    synchronized void lost(String why) {
      lostBecause = why;
      notifyAll();
    }

    /** Waits (receiver) until the On Line timeout has disconnected or the line is lost. */
    void awaitEnd() {
      while (true) {
        DisconnectRequest request;
        synchronized (this) {
          while (disconnect == null && lostBecause == null) {
            try {
              wait();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
          }
          if (lostBecause != null) {
            connection.linkLost();
            return;
          }
          request = disconnect;
          disconnect = null;
        }
        if (disconnected(request)) {
          return;
        }
      }
    }

    /** Sends a DISCONNECT the manager asked for; true if the connection is over. */
    private boolean disconnected(DisconnectRequest request) {
      Outcome<DisconnectResponse> r = css.disconnect(request);
      if (!(r instanceof Outcome.Answered<DisconnectResponse> a)) {
        connection.linkLost();
        return true;
      }
      connection.onDisconnectResponse(a.response());
      return connection.state() == BoxConnectionManager.State.IDLE;
    }

    /** DISCONNECT if still connected (a few tries while a job finishes), then hang up. */
    void end() {
      if (ended) {
        return;
      }
      ended = true;
      for (int i = 0; i < 5; i++) {
        BoxConnectionManager.State s = connection.state();
        if (s == BoxConnectionManager.State.ON_LINE) {
          connection.disconnect();
        }
        DisconnectRequest request;
        synchronized (this) {
          request = disconnect;
          disconnect = null;
        }
        if (request == null || disconnected(request)) {
          break;
        }
        sleep(Duration.ofSeconds(1)); // JOB_IN_PROGRESS: the other end's final is on its way
      }
      if (connection.state() != BoxConnectionManager.State.IDLE) {
        connection.linkLost();
      }
      try {
        receiver.close();
      } catch (IOException e) {
        Logger.warn("closing the data-transfer server: {}", e.getMessage());
      }
      css.close();
      line.hangUp();
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops: the current run's line is hung up, threads end. */
  @Override
  public void close() {
    Configurator c = configurator;
    if (c != null) {
      c.close();
    }
    OnLine o = current;
    if (o != null) {
      o.lost("the box is stopping");
    }
    runs.shutdownNow();
    calls.shutdown();
    timers.shutdownNow();
    try {
      runs.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    line.close();
  }
}
