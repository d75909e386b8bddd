package org.connectivitybox.css.sendreceive;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Optional;
import org.connectivitybox.css.connectivity.ConnectivityManager;
import org.connectivitybox.css.connectivity.TransactionError;
import org.connectivitybox.css.store.ConnectionRecord;
import org.connectivitybox.css.store.JobTransactions;
import org.connectivitybox.css.store.Jobs;
import org.connectivitybox.css.store.LinkedJob;
import org.connectivitybox.css.store.SenderRule;
import org.connectivitybox.css.store.SubscriberRecord;
import org.connectivitybox.css.store.SubscriberRecords;
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
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.ErrorCode;
import org.tinylog.Logger;

/**
 * The CSS send/receive manager over the database: SEND, VERIFY and METERING each run in one
 * database transaction ({@link JobTransactions#locked}) that rebuilds the job's {@link CssJob}
 * (Figure 8) from its row, performs the transition there and stores the result.
 *
 * <p>The job row's {@code state} is a {@link CssJob.State} name. A job is created ACTIVE when the
 * receiver is connected; a receiver that is not connected is refused with {@link
 * SendRefusal#WAKEUP_FAILED} and no job row is written — the wakeup path (CBSS call, SEND held
 * open in OPENING) is not built yet. A SEND refused by the lookup writes no row either. When both
 * ends' final METERING is in, the billing record is posted in the same transaction (the unique
 * job number makes a second posting a no-op) and the row is kept as {@code CLOSED}.
 *
 * <p>Thread-safe and stateless. A transaction without a granted CONNECT is a {@link
 * TransactionError} {@code NOT_CONNECTED}; METERING for a job the caller is no end of, {@code
 * UNKNOWN_JOB}; a transition the job refuses, {@link IllegalStateException} ({@code
 * WRONG_STATE}); database failures are {@code StoreException}s. The job timeout is not enforced
 * yet (nothing runs between transactions).
 */
public final class SendReceiveManager {
  /** Timeouts the rebuilt {@link CssJob} arms; its timers never fire within one transaction. */
  private static final CssJob.Timeouts TIMEOUTS =
      new CssJob.Timeouts(Duration.ofSeconds(90), Duration.ofHours(1));

  private final JobTransactions jobs;
  private final SubscriberRecords subscribers;
  private final ConnectivityManager connectivity;
  private final Clock clock;

  public SendReceiveManager(JobTransactions jobs, SubscriberRecords subscribers,
      ConnectivityManager connectivity, Clock clock) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.subscribers = Objects.requireNonNull(subscribers, "subscribers");
    this.connectivity = Objects.requireNonNull(connectivity, "connectivity");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * SEND from {@code sender}, connected from {@code senderAddress}: the receiver lookup and its
   * rules, then a new ACTIVE job and the receiver's address, or a typed refusal.
   *
   * @throws TransactionError NOT_CONNECTED if the sender has no granted connection
   */
  public SendResponse send(CbId sender, InetAddress senderAddress, SendRequest request) {
    connectivity.expireIfIdle(sender);
    return jobs.locked(sender, tx -> {
      requireConnected(tx, sender, "SEND");
      tx.callerSeen();
      Optional<SubscriberRecord> found = subscribers.findByName(request.receiver().value());
      ReceiverCheck check = found.map(r -> check(sender, r))
          .orElse(ReceiverCheck.refused(SendRefusal.UNKNOWN_RECEIVER));
      if (check.refusal() != null) {
        Logger.info("SEND from {} to {} refused: {}", sender, request.receiver(), check.refusal());
        return SendResponse.refused(check.refusal());
      }
      if (check.connectedAt() == null) {
        Logger.info("SEND from {} to {}: the receiver is not connected (no wakeup yet)", sender,
            request.receiver());
        return SendResponse.refused(SendRefusal.WAKEUP_FAILED);
      }
      TransferAddress at = check.connectedAt();
      long number = tx.createJob(sender, senderAddress.getHostAddress(), check.receiver(),
          request.receiver().value(), at.ip().getHostAddress(), at.port(),
          CssJob.State.OPENING.name());
      Effects effects = new Effects();
      CssJob job = CssJob.open(JobNumber.of(number), sender, senderAddress, request, check,
          TIMEOUTS, clock, new Idle(), effects);
      tx.setJobState(number, job.state().name());
      Logger.info("{} ACTIVE: receiver {} at {}", job, check.receiver(), at);
      return effects.response;
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
      VerifyResponse response = rebuild(row.get(), new Effects()).verify(receiver, request);
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
      CssJob job = rebuild(row, effects);
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
      // No address book is kept by the CSS yet, so nobody is in it.
      case ADDRESS_BOOK -> false;
    };
    if (!allowed) {
      return ReceiverCheck.refused(SendRefusal.SENDER_NOT_ALLOWED);
    }
    LocalTime local = clock.instant().atZone(receiver.timeZone()).toLocalTime();
    if (!receiver.rules().allowedHours().contains(local)) {
      return ReceiverCheck.refused(SendRefusal.OUTSIDE_ALLOWED_HOURS);
    }
    Optional<ConnectionRecord> c = connectivity.connection(receiver.cbId())
        .filter(r -> "CONNECTED".equals(r.state()))
        .filter(r -> r.address() != null && r.dataTransferPort() != null)
        .filter(r -> r.lastSeenAt().plus(connectivity.inactivity()).isAfter(clock.instant()));
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

  /** The ACTIVE job a row describes, with the final METERING it has recorded. */
  private CssJob rebuild(LinkedJob row, Effects effects) {
    if (row.senderAddress() == null || row.receiverAddress() == null
        || row.receiverPort() == null || row.receiverName() == null) {
      throw new TransactionError(ErrorCode.INTERNAL_ERROR, "job row " + row.job().jobNumber()
          + " is ACTIVE without its link");
    }
    InetAddress senderAddress;
    try {
      senderAddress = InetAddress.getByName(row.senderAddress()); // a literal: no lookup
    } catch (UnknownHostException e) {
      throw new TransactionError(ErrorCode.INTERNAL_ERROR, "stored sender address of job "
          + row.job().jobNumber() + " is not an address: " + row.senderAddress());
    }
    JobNumber number = JobNumber.of(row.job().jobNumber());
    CssJob job = CssJob.open(number, row.job().sender(), senderAddress,
        new SendRequest(CbName.of(row.receiverName())),
        ReceiverCheck.connected(row.job().receiver(),
            TransferAddress.of(row.receiverAddress(), row.receiverPort())),
        TIMEOUTS, Clock.fixed(row.job().createdAt(), java.time.ZoneOffset.UTC), new Idle(),
        effects);
    row.job().senderMetering().ifPresent(m ->
        job.metering(row.job().sender(), finalOf(number, m)));
    row.job().receiverMetering().ifPresent(m ->
        job.metering(row.job().receiver(), finalOf(number, m)));
    return job;
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
      throw new IllegalStateException("no wakeup path yet for " + job);
    }

    @Override
    public void post(CssJob job, BillingRecord record) {
      billing = record;
    }

    @Override
    public void removed(CssJob job) { }
  }

  /** A scheduler whose tasks never run: a rebuilt job lives for one transaction only. */
  private static final class Idle implements Scheduler {
    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      return () -> { };
    }
  }
}
