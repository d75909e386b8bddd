package org.connectivitybox.protocols.sendreceive;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.connectivitybox.protocols.time.Scheduler;
import org.connectivitybox.protocols.tls.CbId;

/**
 * The CSS's send/receive manager 71: keeps the current {@link CssJob}s by job number, routes
 * VERIFY and METERING to them, and hands the "receiver connected" event to every job waiting for
 * that receiver, so several senders may wait for one receiver at once.
 *
 * <p>It holds no state machine of its own: each job is one (Figure 8). A job is forgotten when it
 * is removed (CLOSED). Thread-safe; the listener is the jobs' listener and is called outside any
 * lock of this class.
 */
public final class CssSendReceiveManager {
  private final Supplier<JobNumber> jobNumbers;
  private final CssJob.Timeouts timeouts;
  private final Clock clock;
  private final Scheduler scheduler;
  private final CssJob.Listener listener;
  private final Map<JobNumber, CssJob> jobs = new ConcurrentHashMap<>();

  /**
   * @param jobNumbers allocates a new, unused job number per SEND (the CSS's database sequence)
   * @param listener carries out the jobs' effects; {@code removed} is seen after this manager
   *     has forgotten the job
   */
  public CssSendReceiveManager(Supplier<JobNumber> jobNumbers, CssJob.Timeouts timeouts,
      Clock clock, Scheduler scheduler, CssJob.Listener listener) {
    this.jobNumbers = Objects.requireNonNull(jobNumbers, "jobNumbers");
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(listener, "listener");
    this.listener = new CssJob.Listener() {
      @Override
      public void sendResponse(CssJob job, SendResponse response) {
        listener.sendResponse(job, response);
      }

      @Override
      public void wakeUp(CssJob job) {
        listener.wakeUp(job);
      }

      @Override
      public void post(CssJob job, BillingRecord record) {
        listener.post(job, record);
      }

      @Override
      public void removed(CssJob job) {
        jobs.remove(job.number(), job);
        listener.removed(job);
      }
    };
  }

  /**
   * Opens a job for a SEND Request from {@code sender}; the SEND Response reaches the listener
   * now (refused, or receiver already connected) or later (after the wakeup).
   */
  public CssJob send(CbId sender, InetAddress senderAddress, SendRequest request,
      ReceiverCheck check) {
    JobNumber number = jobNumbers.get();
    if (jobs.containsKey(number)) {
      throw new IllegalStateException("job number " + number + " is already in use");
    }
    // Registered before opening so that a receiver connecting meanwhile finds it; a job refused
    // at once is removed again through the listener.
    CssJob job = CssJob.open(number, sender, senderAddress, request, check, timeouts, clock,
        scheduler, new CssJob.Listener() {
          @Override
          public void sendResponse(CssJob j, SendResponse r) {
            listener.sendResponse(j, r);
          }

          @Override
          public void wakeUp(CssJob j) {
            jobs.put(j.number(), j);
            listener.wakeUp(j);
          }

          @Override
          public void post(CssJob j, BillingRecord record) {
            listener.post(j, record);
          }

          @Override
          public void removed(CssJob j) {
            listener.removed(j);
          }
        });
    if (job.state() == CssJob.State.ACTIVE) {
      jobs.put(number, job);
    }
    return job;
  }

  /**
   * A box connected: every job in OPENING that waits for it as receiver goes ACTIVE.
   *
   * @return how many jobs went ACTIVE
   */
  public int receiverConnected(CbId receiver, TransferAddress address) {
    int n = 0;
    for (CssJob job : List.copyOf(jobs.values())) {
      if (receiver.equals(job.receiver()) && job.state() == CssJob.State.OPENING) {
        try {
          job.receiverConnected(address);
          n++;
        } catch (IllegalStateException raced) {
          // its wakeup timed out or failed at this moment: the sender has its answer already
        }
      }
    }
    return n;
  }

  /**
   * A box's connection closed: every job in OPENING that it sent is abandoned.
   *
   * @return how many jobs were abandoned
   */
  public int senderGone(CbId sender) {
    int n = 0;
    for (CssJob job : List.copyOf(jobs.values())) {
      if (sender.equals(job.sender()) && job.state() == CssJob.State.OPENING) {
        try {
          job.senderGone();
          n++;
        } catch (IllegalStateException raced) {
          // it went ACTIVE or closed at this moment
        }
      }
    }
    return n;
  }

  /** Answers a VERIFY Request; an unknown job number is refused with UNKNOWN_JOB. */
  public VerifyResponse verify(CbId caller, VerifyRequest request) {
    CssJob job = jobs.get(request.jobNumber());
    return job == null ? VerifyResponse.refused(VerifyRefusal.UNKNOWN_JOB)
        : job.verify(caller, request);
  }

  /**
   * Hands METERING to its job.
   *
   * @throws IllegalArgumentException if there is no such job or the caller is not an end of it
   *     (the CSS answers UNKNOWN_JOB)
   * @throws IllegalStateException if the job does not take it now (WRONG_STATE)
   */
  public void metering(CbId caller, Metering metering) {
    CssJob job = jobs.get(metering.jobNumber());
    if (job == null) {
      throw new IllegalArgumentException("no job " + metering.jobNumber());
    }
    job.metering(caller, metering);
  }

  /** The job with this number, if it is current. */
  public Optional<CssJob> job(JobNumber number) {
    return Optional.ofNullable(jobs.get(number));
  }

  /** Whether {@code cb} still owes final METERING to an ACTIVE job (DISCONNECT is refused). */
  public boolean jobOpen(CbId cb) {
    return jobs.values().stream().anyMatch(j -> j.awaitsFinalMeteringFrom(cb));
  }
}
