package org.connectivitybox.css.sendreceive;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.connectivitybox.css.connectivity.ConnectivityManager;
import org.connectivitybox.css.connectivity.JobLink;
import org.connectivitybox.css.connectivity.TransactionError;
import org.connectivitybox.css.rows.RowTimer;
import org.connectivitybox.css.store.ConnectionRecord;
import org.connectivitybox.css.store.Connections;
import org.connectivitybox.css.store.JobSignals;
import org.connectivitybox.css.store.JobTransactions;
import org.connectivitybox.css.store.Jobs;
import org.connectivitybox.css.store.LinkedJob;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.css.wakeup.WakeupCall;
import org.connectivitybox.protocols.sendreceive.BillingRecord;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.sendreceive.CssJob;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.Metering;
import org.connectivitybox.protocols.sendreceive.ReceiverCheck;
import org.connectivitybox.protocols.sendreceive.SendRefusal;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.TransferAddress;
import org.connectivitybox.protocols.sendreceive.VerifyRefusal;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.ErrorCode;
import org.tinylog.Logger;

/**
 * The CSS send/receive manager over the database (Figure 8). Every transition runs in one
 * database transaction that rebuilds the job's {@link CssJob} from its row, performs the
 * transition there and stores the result; the row's {@code state} is a {@link CssJob.State} name.
 *
 * <p><b>SEND.</b> The receiver lookup and its rules run under the sender's lock. A refusal writes
 * no row. A receiver that is connected gets an ACTIVE job at once. Otherwise the job is written
 * OPENING with a wakeup deadline and the SEND is <em>held</em> ({@link HeldSends}: a future and
 * a timer, no thread); a second transaction under the receiver's lock then either finds it
 * connected after all (ACTIVE) or asks the {@link CallbackSignallingServer} to wake it — once
 * for all jobs that began waiting for it within {@link #WAKEUP_SHARING}. The receiver's CONNECT
 * ({@link #receiverConnected}, inside the connection transaction) moves every job waiting for it
 * to ACTIVE; a failed wakeup closes them ({@code WAKEUP_FAILED}); the deadline closes one
 * ({@code WAKEUP_TIMED_OUT}). The change is announced ({@link JobSignals}: in-process, and
 * PostgreSQL NOTIFY for other nodes) and the held SEND is answered from the job's row.
 *
 * <p><b>VERIFY</b> checks job number, receiver and sender address against an ACTIVE job.
 * <b>METERING</b>: interim changes nothing; the second end's final one posts the billing record
 * (the unique job number makes a second posting a no-op) and closes the job.
 *
 * <p><b>Sweep.</b> Every {@link Settings#sweepInterval()} each node closes jobs left OPENING
 * past their deadline by a node that went away, and ends ACTIVE jobs older than the job timeout
 * (Figure 8 ACTIVE ──job timeout──▶ POSTING): the billing record is posted with what came, and
 * the job closed ({@code JOB_TIMED_OUT}). Nodes racing on one job serialise on its row lock.
 *
 * <p>Thread-safe. A transaction without a granted CONNECT is a {@link TransactionError} {@code
 * NOT_CONNECTED}; METERING for a job the caller is no end of, {@code UNKNOWN_JOB}; a transition
 * the job refuses, {@link IllegalStateException} ({@code WRONG_STATE}); database failures are
 * {@code StoreException}s.
 */
public final class SendReceiveManager implements JobLink, AutoCloseable {
  /** A wakeup call serves the jobs that began waiting for one receiver within this time. */
  public static final Duration WAKEUP_SHARING = Duration.ofSeconds(30);

  /** A job left OPENING this long past its deadline is closed by any node's sweep. */
  static final Duration ORPHAN_GRACE = Duration.ofSeconds(10);

  /**
   * The send/receive manager's timeouts.
   *
   * @param wakeupTimeout how long a SEND waits for the woken receiver's CONNECT
   * @param jobTimeout how long an ACTIVE job waits for both final METERINGs
   * @param sweepInterval how often this node looks for expired jobs
   */
  public record Settings(Duration wakeupTimeout, Duration jobTimeout, Duration sweepInterval) {
    public static final Settings DEFAULTS =
        new Settings(Duration.ofSeconds(90), Duration.ofHours(1), Duration.ofSeconds(5));

    /** @throws IllegalArgumentException if a duration is not positive */
    public Settings {
      for (Duration d : new Duration[] {wakeupTimeout, jobTimeout, sweepInterval}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("send/receive timeouts must be positive: " + d);
        }
      }
    }
  }

  private static final String SENDER_GONE = "SENDER_GONE";
  private static final String JOB_TIMED_OUT = "JOB_TIMED_OUT";

  private final JobTransactions jobs;
  private final Repositories store;
  private final ConnectivityManager connectivity;
  private final CallbackSignallingServer cbss;
  private final Settings settings;
  private final CssJob.Timeouts timeouts;
  private final Clock clock;
  private final ScheduledExecutorService timers;
  private final ExecutorService work;
  private final HeldSends held;
  private final JobSignals signals;

  /**
   * A manager linked to {@code connectivity} (receivers' CONNECTs wake held SENDs), listening for
   * other nodes' job changes, and sweeping expired jobs. {@link #close()} stops all of it.
   */
  public SendReceiveManager(Repositories store, ConnectivityManager connectivity,
      CallbackSignallingServer cbss, Settings settings, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.jobs = store.jobTransactions();
    this.connectivity = Objects.requireNonNull(connectivity, "connectivity");
    this.cbss = Objects.requireNonNull(cbss, "cbss");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.timeouts = new CssJob.Timeouts(settings.wakeupTimeout(), settings.jobTimeout());
    this.clock = Objects.requireNonNull(clock, "clock");
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "css-job-timers"));
    this.work = Executors.newFixedThreadPool(2, r -> daemon(r, "css-job-work"));
    this.held = new HeldSends(timers, work, this::answerOf, this::expireWakeup);
    connectivity.link(this);
    this.signals = JobSignals.listen(store.database(), held::changed, held::recheckAll);
    long sweep = settings.sweepInterval().toMillis();
    timers.scheduleWithFixedDelay(() -> work.execute(this::sweep), sweep, sweep,
        TimeUnit.MILLISECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** What the first transaction of a SEND decided. */
  private record Opened(SendResponse response, long number, SubscriberRecord receiver) {}

  /**
   * SEND from {@code sender}, connected from {@code senderAddress}: completes at once with a
   * refusal or a positive answer for a connected receiver; for a receiver that is not connected,
   * when it has been woken and has CONNECTed, or the wakeup failed or timed out.
   *
   * @throws TransactionError NOT_CONNECTED if the sender has no granted connection
   */
  public CompletableFuture<SendResponse> send(CbId sender, InetAddress senderAddress,
      SendRequest request) {
    connectivity.expireIfIdle(sender);
    Opened opened = jobs.locked(sender, tx -> {
      requireConnected(tx, sender, "SEND");
      tx.callerSeen();
      Optional<SubscriberRecord> found = store.subscribers().findByName(request.receiver().value());
      ReceiverCheck check = found.map(r -> check(sender, r))
          .orElse(ReceiverCheck.refused(SendRefusal.UNKNOWN_RECEIVER));
      if (check.refusal() != null) {
        Logger.info("SEND from {} to {} refused: {}", sender, request.receiver(), check.refusal());
        return new Opened(SendResponse.refused(check.refusal()), 0, null);
      }
      TransferAddress at = check.connectedAt();
      Instant deadline = at == null ? clock.instant().plus(settings.wakeupTimeout()) : null;
      long number = tx.createJob(sender, senderAddress.getHostAddress(), check.receiver(),
          request.receiver().value(), at == null ? null : at.ip().getHostAddress(),
          at == null ? null : at.port(), CssJob.State.OPENING.name(), deadline);
      Effects effects = new Effects();
      CssJob job = CssJob.open(JobNumber.of(number), sender, senderAddress, request, check,
          timeouts, clock, new RowTimer(), effects);
      tx.setJobState(number, job.state().name());
      if (job.state() == CssJob.State.ACTIVE) {
        Logger.info("{} ACTIVE: receiver {} at {}", job, check.receiver(), at);
        return new Opened(effects.response, number, found.get());
      }
      Logger.info("{} OPENING: receiver {} not connected; SEND held until {}", job,
          check.receiver(), deadline);
      return new Opened(null, number, found.get());
    });
    if (opened.response() != null) {
      return CompletableFuture.completedFuture(opened.response());
    }
    CompletableFuture<SendResponse> answer = held.hold(opened.number(), settings.wakeupTimeout());
    work.execute(() -> linkOrWake(opened.number(), opened.receiver()));
    return answer;
  }

  /** What the receiver's side of a held SEND decided. */
  private enum Linking { RESOLVED, ACTIVATED, SHARED_CALL, CALL }

  /**
   * Under the receiver's lock: if it connected meanwhile the job goes ACTIVE; otherwise the
   * CBSS is asked to wake it, unless a call made for another job still serves this one.
   */
  private void linkOrWake(long number, SubscriberRecord receiver) {
    CbId cb = receiver.cbId();
    Linking linking;
    try {
      linking = store.connections().locked(cb, row -> {
        List<LinkedJob> opening = row.openingJobsAsReceiver();
        Optional<LinkedJob> mine = opening.stream().filter(j -> j.number() == number).findFirst();
        if (mine.isEmpty()) {
          return Linking.RESOLVED;
        }
        Optional<ConnectionRecord> live = row.record().filter(connectivity::isLive);
        if (live.isPresent()) {
          activate(row, mine.get(), live.get().address(), live.get().dataTransferPort());
          return Linking.ACTIVATED;
        }
        Instant recent = clock.instant().minus(WAKEUP_SHARING);
        return opening.stream().anyMatch(j -> j.number() != number
            && j.job().createdAt().isAfter(recent)) ? Linking.SHARED_CALL : Linking.CALL;
      });
    } catch (RuntimeException e) {
      Logger.error(e, "job {}: cannot look at receiver {}; the wakeup is not placed", number, cb);
      wakeupFailed(cb);
      return;
    }
    switch (linking) {
      case ACTIVATED -> held.changed(number);
      case CALL -> cbss.wakeUp(new WakeupCall(cb, receiver.telephoneNumber(), number), r -> {
        if (!r.placed()) {
          work.execute(() -> wakeupFailed(cb));
        }
      });
      case SHARED_CALL -> Logger.info("job {}: the wakeup of {} already under way serves it",
          number, cb);
      case RESOLVED -> { }
    }
  }

  @Override
  public List<Long> receiverConnected(Connections.Locked row, CbId cbId, InetAddress address,
      int dataTransferPort) {
    List<Long> activated = new ArrayList<>();
    Instant now = clock.instant();
    for (LinkedJob j : row.openingJobsAsReceiver()) {
      if (j.wakeupDeadline() != null && j.wakeupDeadline().isAfter(now)) {
        activate(row, j, address.getHostAddress(), dataTransferPort);
        activated.add(j.number());
      }
    }
    // A sender that lost its line mid-transfer calls again from a new address and resumes: the
    // job follows it, so that the receiver's VERIFY of the resumed set-up succeeds.
    for (LinkedJob j : row.activeJobsAsSender()) {
      if (!address.getHostAddress().equals(j.senderAddress())) {
        row.moveSender(j.number(), address.getHostAddress());
        Logger.info("job {}: sender {} now calls from {}", j.number(), cbId,
            address.getHostAddress());
      }
    }
    return activated;
  }

  @Override
  public List<Long> senderGone(Connections.Locked row, CbId cbId) {
    List<Long> closed = new ArrayList<>();
    for (LinkedJob j : row.openingJobsAsSender()) {
      rebuildOpening(j, new Effects()).senderGone();
      row.closeJob(j.number(), SENDER_GONE);
      Logger.info("job {} abandoned: its sender {} is no longer connected", j.number(), cbId);
      closed.add(j.number());
    }
    return closed;
  }

  @Override
  public void committed(List<Long> changed) {
    changed.forEach(held::changed);
  }

  private void activate(Connections.Locked row, LinkedJob j, String address, int port) {
    TransferAddress at = TransferAddress.of(address, port);
    rebuildOpening(j, new Effects()).receiverConnected(at);
    row.activateJob(j.number(), address, port);
    Logger.info("job {} ACTIVE: woken receiver {} connected at {}", j.number(),
        j.job().receiver(), at);
  }

  /** The SEND Response a job's committed row gives; empty while it waits in OPENING. */
  private Optional<SendResponse> answerOf(long number) {
    Optional<LinkedJob> row = jobs.find(number);
    if (row.isEmpty()) {
      return Optional.of(SendResponse.refused(SendRefusal.WAKEUP_FAILED));
    }
    LinkedJob j = row.get();
    if (j.activatedAt() != null && j.receiverAddress() != null && j.receiverPort() != null) {
      return Optional.of(SendResponse.accepted(JobNumber.of(number),
          TransferAddress.of(j.receiverAddress(), j.receiverPort())));
    }
    if (CssJob.State.OPENING.name().equals(j.state())) {
      return Optional.empty();
    }
    SendRefusal reason = SendRefusal.WAKEUP_FAILED;
    for (SendRefusal r : SendRefusal.values()) {
      if (r.name().equals(j.closeReason())) {
        reason = r;
      }
    }
    return Optional.of(SendResponse.refused(reason));
  }

  /** Job {@code number}'s wakeup deadline passed: CLOSED (WAKEUP_TIMED_OUT) if still OPENING. */
  private void expireWakeup(long number) {
    jobs.lockedJob(number, tx -> {
      if (CssJob.State.OPENING.name().equals(tx.job().state())) {
        RowTimer timer = new RowTimer();
        Effects effects = new Effects();
        rebuildOpening(tx.job(), effects, timer);
        timer.fire();
        tx.close(effects.response.refusal().name());
        Logger.info("job {}: receiver {} did not connect within {}; SEND refused {}", number,
            tx.job().job().receiver(), settings.wakeupTimeout(), effects.response.refusal());
      }
      return null;
    });
  }

  /** The wakeup of {@code receiver} could not be placed: its waiting jobs are CLOSED. */
  private void wakeupFailed(CbId receiver) {
    try {
      for (long number : jobs.openingFor(receiver)) {
        jobs.lockedJob(number, tx -> {
          if (CssJob.State.OPENING.name().equals(tx.job().state())) {
            rebuildOpening(tx.job(), new Effects()).wakeupFailed();
            tx.close(SendRefusal.WAKEUP_FAILED.name());
          }
          return null;
        });
        held.changed(number);
      }
    } catch (StoreException e) {
      Logger.error("cannot close the jobs waiting for {} after a failed wakeup: {}", receiver,
          e.getMessage());
    }
  }

  /** Closes orphaned OPENING jobs and ends ACTIVE jobs past the job timeout. */
  private void sweep() {
    try {
      Instant now = clock.instant();
      for (long number : jobs.openingUntil(now.minus(ORPHAN_GRACE))) {
        expireWakeup(number);
        held.changed(number);
      }
      for (long number : jobs.activeSince(now.minus(settings.jobTimeout()))) {
        jobTimedOut(number);
      }
    } catch (RuntimeException e) {
      Logger.warn("job sweep failed: {}", e.getMessage());
    }
  }

  /** ACTIVE ──job timeout──▶ POSTING: posts the billing record with what came, then CLOSED. */
  private void jobTimedOut(long number) {
    jobs.lockedJob(number, tx -> {
      if (!CssJob.State.ACTIVE.name().equals(tx.job().state())) {
        return null;
      }
      RowTimer timer = new RowTimer();
      Effects effects = new Effects();
      CssJob job = rebuildActive(tx.job(), effects, timer);
      timer.fire();
      if (effects.billing == null) {
        throw new IllegalStateException("job " + number + " did not time out when rebuilt");
      }
      boolean posted = tx.postBilling(billing(effects.billing, tx.job()));
      job.posted();
      tx.close(JOB_TIMED_OUT);
      Logger.info("job {} timed out after {} without both final METERINGs; billing record {}",
          number, settings.jobTimeout(), posted ? "posted" : "was posted already");
      return null;
    });
  }

  /**
   * VERIFY from {@code receiver}: confirmed only for an ACTIVE job of which the caller is the
   * receiver and the set-up came from the sender's address; the job does not change.
   *
   * @throws TransactionError NOT_CONNECTED if the caller has no granted connection
   */
  public VerifyResponse verify(CbId receiver, VerifyRequest request) {
    connectivity.expireIfIdle(receiver);
    return jobs.locked(receiver, tx -> {
      requireConnected(tx, receiver, "VERIFY");
      tx.callerSeen();
      Optional<LinkedJob> row = tx.lockJob(request.jobNumber().value());
      if (row.isEmpty() || isState(row.get(), CssJob.State.CLOSED)) {
        return VerifyResponse.refused(VerifyRefusal.UNKNOWN_JOB);
      }
      if (!row.get().job().receiver().equals(receiver)) {
        return VerifyResponse.refused(VerifyRefusal.NOT_THE_RECEIVER);
      }
      if (!isState(row.get(), CssJob.State.ACTIVE)) {
        return VerifyResponse.refused(VerifyRefusal.JOB_NOT_ACTIVE);
      }
      VerifyResponse response = rebuildActive(row.get(), new Effects(), new RowTimer())
          .verify(receiver, request);
      Logger.info("VERIFY of job {} by {} from {}: {}", request.jobNumber(), receiver,
          request.senderAddress().getHostAddress(),
          response.confirmed() ? "CONFIRMED" : response.refusal());
      return response;
    });
  }

  /**
   * METERING from one end: interim changes nothing; a final one is recorded, and the second end's
   * posts the billing record, once, and closes the job.
   *
   * @throws TransactionError NOT_CONNECTED without a granted connection, UNKNOWN_JOB if there is
   *     no such job or the caller is not one of its ends
   * @throws IllegalStateException if the job is not ACTIVE or this end's final one is in already
   */
  public void metering(CbId caller, Metering metering) {
    connectivity.expireIfIdle(caller);
    jobs.locked(caller, tx -> {
      requireConnected(tx, caller, "METERING");
      tx.callerSeen();
      long number = metering.jobNumber().value();
      LinkedJob row = tx.lockJob(number)
          .filter(j -> !isState(j, CssJob.State.CLOSED))
          .filter(j -> j.job().sender().equals(caller) || j.job().receiver().equals(caller))
          .orElseThrow(() -> new TransactionError(ErrorCode.UNKNOWN_JOB,
              "METERING from " + caller + " for job " + number + ", which it is no end of"));
      if (!isState(row, CssJob.State.ACTIVE)) {
        throw new IllegalStateException("job " + number + ": METERING is not allowed in state "
            + row.job().state());
      }
      Effects effects = new Effects();
      CssJob job = rebuildActive(row, effects, new RowTimer());
      job.metering(caller, metering);
      if (metering instanceof FinalMetering f) {
        Jobs.End end = row.job().sender().equals(caller) ? Jobs.End.SENDER : Jobs.End.RECEIVER;
        tx.recordFinal(number, end, stored(f));
      }
      if (effects.billing != null) {
        boolean posted = tx.postBilling(billing(effects.billing, row));
        job.posted();
        tx.setJobState(number, job.state().name());
        Logger.info("job {} closed; billing record {}", number,
            posted ? "posted" : "was posted already");
      }
      return null;
    });
  }

  private ReceiverCheck check(CbId sender, SubscriberRecord receiver) {
    if (!receiver.isActive()) {
      return ReceiverCheck.refused(SendRefusal.NOT_A_VALID_SUBSCRIBER);
    }
    boolean allowed = switch (receiver.rules().senders()) {
      case ANYONE -> true;
      case LIST -> receiver.rules().allowedSenders().contains(sender);
      case ADDRESS_BOOK -> store.subscribers().find(sender)
          .map(s -> store.addressBooks().lists(receiver.cbId(), s.cbName()))
          .orElse(false);
    };
    if (!allowed) {
      return ReceiverCheck.refused(SendRefusal.SENDER_NOT_ALLOWED);
    }
    LocalTime local = clock.instant().atZone(receiver.timeZone()).toLocalTime();
    if (!receiver.rules().allowedHours().contains(local)) {
      return ReceiverCheck.refused(SendRefusal.OUTSIDE_ALLOWED_HOURS);
    }
    Optional<ConnectionRecord> c = connectivity.connection(receiver.cbId())
        .filter(connectivity::isLive);
    return c.map(r -> ReceiverCheck.connected(receiver.cbId(),
            TransferAddress.of(r.address(), r.dataTransferPort())))
        .orElse(ReceiverCheck.notConnected(receiver.cbId()));
  }

  private static void requireConnected(JobTransactions.Locked tx, CbId caller, String what) {
    if (tx.callerConnection().filter(r -> "CONNECTED".equals(r.state())).isEmpty()) {
      throw new TransactionError(ErrorCode.NOT_CONNECTED,
          what + " from " + caller + " without a granted CONNECT");
    }
  }

  private static boolean isState(LinkedJob j, CssJob.State s) {
    return s.name().equals(j.job().state());
  }

  private CssJob rebuildOpening(LinkedJob row, Effects effects) {
    return rebuildOpening(row, effects, new RowTimer());
  }

  /** The OPENING job a row describes: waiting for its woken receiver, wakeup timer armed. */
  private CssJob rebuildOpening(LinkedJob row, Effects effects, RowTimer timer) {
    CssJob job = CssJob.open(JobNumber.of(row.number()), row.job().sender(),
        address(row), new SendRequest(CbName.of(requireLink(row, row.receiverName()))),
        ReceiverCheck.notConnected(row.job().receiver()), timeouts,
        Clock.fixed(row.job().createdAt(), ZoneOffset.UTC), timer, effects);
    return job;
  }

  /** The ACTIVE job a row describes, with the final METERING it has recorded. */
  private CssJob rebuildActive(LinkedJob row, Effects effects, RowTimer timer) {
    requireLink(row, row.receiverAddress());
    requireLink(row, row.receiverPort());
    JobNumber number = JobNumber.of(row.number());
    CssJob job = CssJob.open(number, row.job().sender(), address(row),
        new SendRequest(CbName.of(requireLink(row, row.receiverName()))),
        ReceiverCheck.connected(row.job().receiver(),
            TransferAddress.of(row.receiverAddress(), row.receiverPort())),
        timeouts, Clock.fixed(row.job().createdAt(), ZoneOffset.UTC), timer, effects);
    row.job().senderMetering().ifPresent(m ->
        job.metering(row.job().sender(), finalOf(number, m)));
    row.job().receiverMetering().ifPresent(m ->
        job.metering(row.job().receiver(), finalOf(number, m)));
    return job;
  }

  private static <T> T requireLink(LinkedJob row, T value) {
    if (value == null) {
      throw new TransactionError(ErrorCode.INTERNAL_ERROR, "job row " + row.number()
          + " in state " + row.state() + " lacks what its SEND linked");
    }
    return value;
  }

  private static InetAddress address(LinkedJob row) {
    try {
      return InetAddress.getByName(requireLink(row, row.senderAddress())); // a literal
    } catch (UnknownHostException e) {
      throw new TransactionError(ErrorCode.INTERNAL_ERROR, "stored sender address of job "
          + row.number() + " is not an address: " + row.senderAddress());
    }
  }

  private static final String SUCCESSFUL = "SUCCESSFUL";
  private static final String UNSUCCESSFUL = "UNSUCCESSFUL";

  private static org.connectivitybox.css.store.Metering stored(FinalMetering f) {
    return new org.connectivitybox.css.store.Metering(f.bytes(), Math.toIntExact(f.pages()),
        f.successful() ? SUCCESSFUL : UNSUCCESSFUL);
  }

  private static FinalMetering finalOf(JobNumber n, org.connectivitybox.css.store.Metering m) {
    return new FinalMetering(n, m.bytes(), m.pages(), SUCCESSFUL.equals(m.result()));
  }

  /**
   * The SRMS record: the receiver's counts (what arrived) when it reported, else the sender's;
   * result {@code COMPLETED} if both ends succeeded, {@code FAILED} if either did not, {@code
   * INCOMPLETE} if a final is missing.
   */
  private org.connectivitybox.css.store.BillingRecord billing(BillingRecord b, LinkedJob row) {
    FinalMetering counted = b.receiverFinal() != null ? b.receiverFinal() : b.senderFinal();
    String result = !b.complete() ? "INCOMPLETE"
        : b.senderFinal().successful() && b.receiverFinal().successful() ? "COMPLETED" : "FAILED";
    return new org.connectivitybox.css.store.BillingRecord(b.job().value(), b.sender(),
        b.receiver(), counted == null ? 0 : counted.bytes(),
        counted == null ? 0 : Math.toIntExact(counted.pages()), result,
        row.job().createdAt(), clock.instant(), null);
  }

  /** How many SENDs this node holds open now (for tests and the logs). */
  public int heldSends() {
    return held.size();
  }

  /** Stops listening, sweeping and timing; held SENDs are answered 503. */
  @Override
  public void close() {
    signals.close();
    timers.shutdownNow();
    held.close();
    work.shutdown();
    try {
      work.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Collects what a rebuilt job asks its caller to do within this transaction. */
  private static final class Effects implements CssJob.Listener {
    SendResponse response;
    BillingRecord billing;

    @Override
    public void sendResponse(CssJob job, SendResponse r) {
      response = r;
    }

    @Override
    public void wakeUp(CssJob job) {
      // A new job's wakeup is asked for after its row commits (linkOrWake); a rebuilt one's was
      // asked for long ago.
    }

    @Override
    public void post(CssJob job, BillingRecord record) {
      billing = record;
    }

    @Override
    public void removed(CssJob job) { }
  }
}
