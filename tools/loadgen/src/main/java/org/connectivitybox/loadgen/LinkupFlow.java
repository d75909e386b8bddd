package org.connectivitybox.loadgen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.connectivitybox.firmware.http.CssClient;
import org.connectivitybox.firmware.http.Outcome;
import org.connectivitybox.protocols.connection.ConnectRequest;
import org.connectivitybox.protocols.connection.ConnectResponse;
import org.connectivitybox.protocols.connection.DisconnectRequest;
import org.connectivitybox.protocols.connection.DisconnectResponse;
import org.connectivitybox.protocols.sendreceive.FinalMetering;
import org.connectivitybox.protocols.sendreceive.JobNumber;
import org.connectivitybox.protocols.sendreceive.SendRequest;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.connectivitybox.protocols.sendreceive.VerifyRequest;
import org.connectivitybox.protocols.sendreceive.VerifyResponse;
import org.connectivitybox.protocols.sequence.SequenceNumbers;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * One linkup of a pair of boxes, the control flow of Figure 10, with every answer checked.
 *
 * <pre>
 *   A (sender)                         CSS                     webhook         B (receiver, off line)
 *    |-- CONNECT ---------------------->|                          |                 |
 *    |<- GRANTED -----------------------|                          |                 |
 *    |-- SEND {receiver: B's name} ---->|-- POST wakeup {B, n} --->|                 |
 *    |      (held open)                 |<- 204 (call placed) -----|-- "ring" ------>|
 *    |                                  |<------------------------------ CONNECT ----|
 *    |<- ACCEPTED {n, B's address} -----|------------------------------- GRANTED --->|
 *    |-- transfer set-up {n, A's address} (in-process) ------------------------------>|
 *    |                                  |<------------------------------ VERIFY -----|
 *    |                                  |------------------------------- CONFIRMED ->|
 *    |-- METERING FINAL --------------->|<------------------------ METERING FINAL ---|
 *    |-- DISCONNECT ------------------->|<---------------------------- DISCONNECT ---|
 *    |<- DISCONNECTED ------------------|------------------------- DISCONNECTED ---->|
 *    (both hang up: their connections close)
 * </pre>
 *
 * <p>{@link Mode#ONLINE} has B CONNECT before A's SEND instead (no wakeup); {@link Mode#BOUND}
 * is the same flow against the bound's server, whose SEND answer carries no real receiver
 * address, so that address is not checked there. Each box {@link Box#dial dials in} for the
 * linkup and hangs up at its end. Both finals are in before either end disconnects (the CSS
 * answers a DISCONNECT {@code JOB_IN_PROGRESS} while the job is ACTIVE).
 *
 * <p>A linkup counts only if every step had the expected answer; otherwise its record names
 * the first step that did not ({@code "SEND: REFUSED WAKEUP_TIMED_OUT"}) and the boxes clean
 * up (finals marked unsuccessful, DISCONNECT) without checking answers, so that the pair can
 * link up again. Thread-safe: one linkup per pair at a time, pairs in parallel.
 */
final class LinkupFlow {
  /** How the receiver comes on line. */
  enum Mode {
    /** B is off line; the CSS wakes it through the webhook while A's SEND is held open. */
    OFFLINE,
    /** B connects before A's SEND (works with a CSS without wakeups). */
    ONLINE,
    /** ONLINE against the bound's minimal server. */
    BOUND
  }

  /** The document a linkup "transfers", as both ends' final METERING reports it. */
  static final long DOCUMENT_BYTES = 61_000;
  static final long DOCUMENT_PAGES = 3;

  private final URI base;
  private final Mode mode;
  private final Duration timeout;
  private final WakeupWebhook webhook;
  private final Executor receivers;
  private final BooleanSupplier cutOff;

  /**
   * @param base the CSS's (or the bound's) base URL
   * @param timeout of each transaction (connect, read, write); a SEND in {@link Mode#OFFLINE}
   *     lasts the whole wakeup, so it must exceed the time the receiver takes to call back
   * @param webhook where wakeups arrive; required in {@link Mode#OFFLINE} only
   * @param receivers runs woken receivers' CONNECTs
   * @param cutOff true once the run's hard deadline has passed: a failure then is a cut-off
   */
  LinkupFlow(URI base, Mode mode, Duration timeout, WakeupWebhook webhook, Executor receivers,
      BooleanSupplier cutOff) {
    this.base = Objects.requireNonNull(base, "base");
    this.mode = Objects.requireNonNull(mode, "mode");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    if (mode == Mode.OFFLINE && webhook == null) {
      throw new IllegalArgumentException("off-line receivers need the wakeup webhook");
    }
    this.webhook = webhook;
    this.receivers = Objects.requireNonNull(receivers, "receivers");
    this.cutOff = Objects.requireNonNull(cutOff, "cutOff");
  }

  /** A step that did not have the expected answer. */
  static final class StepFailed extends Exception {
    final String kind;

    StepFailed(String kind, String detail) {
      super(detail, null, false, false);
      this.kind = kind;
    }
  }

  /** Runs one linkup of {@code pair}; never throws for what the CSS answers. */
  LinkupRecord run(Pair pair) {
    Box a = pair.sender();
    Box b = pair.receiver();
    WireBytes aBefore = a.sockets().counted();
    WireBytes bBefore = b.sockets().counted();
    List<LinkupRecord.Timed> timings = Collections.synchronizedList(new ArrayList<>());
    AtomicReference<CssClient> bClient = new AtomicReference<>();
    CssClient aClient = a.dial(base, timeout);
    JobNumber[] job = new JobNumber[1];
    CompletableFuture<CssClient> woken = null;
    try {
      if (mode != Mode.OFFLINE) {
        bClient.set(b.dial(base, timeout));
        step("B CONNECT", Transaction.CONNECT, b, timings,
            () -> bClient.get().connect(connect(b)), ConnectResponse::granted,
            r -> "REFUSED " + r.refusal());
      }
      step("A CONNECT", Transaction.CONNECT, a, timings, () -> aClient.connect(connect(a)),
          ConnectResponse::granted, r -> "REFUSED " + r.refusal());
      CompletableFuture<WakeupWebhook.Wakeup> wakeup = null;
      if (mode == Mode.OFFLINE) {
        wakeup = webhook.expect(b.cbId());
        woken = wakeup.thenApplyAsync(w -> {
          CssClient c = b.dial(base, timeout);
          bClient.set(c);
          try {
            step("B CONNECT (woken)", Transaction.CONNECT, b, timings,
                () -> c.connect(connect(b)), ConnectResponse::granted,
                r -> "REFUSED " + r.refusal());
          } catch (StepFailed e) {
            throw new CompletionException(e);
          }
          return c;
        }, receivers);
      }
      SendResponse sent;
      try {
        sent = step("SEND", Transaction.SEND, a, timings,
            () -> aClient.send(new SendRequest(b.cbName())), SendResponse::accepted,
            r -> "REFUSED " + r.refusal());
      } finally {
        if (wakeup != null && !wakeup.isDone()) {
          webhook.forget(b.cbId());
        }
      }
      job[0] = sent.jobNumber();
      if (mode == Mode.OFFLINE) {
        if (wakeup.isCancelled()) {
          throw new StepFailed("SEND: ACCEPTED without a wakeup (receiver already on line)",
              sent.toString());
        }
        WakeupWebhook.Wakeup w = wakeup.join();
        if (w.jobNumber() != sent.jobNumber().value()) {
          throw new StepFailed("WAKEUP: job number is not the SEND's", w + " / " + sent);
        }
        if (!w.telephoneNumber().equals(b.telephoneNumber())) {
          throw new StepFailed("WAKEUP: telephone number is not the receiver's", w.toString());
        }
        await(woken);
      }
      if (mode != Mode.BOUND && !sent.receiverAddress().equals(b.transferAddress())) {
        throw new StepFailed("SEND: receiver address is not B's", sent.receiverAddress()
            + " instead of " + b.transferAddress());
      }
      CssClient bc = bClient.get();
      // The transfer set-up message A -> B, in-process: the job number and A's address.
      step("VERIFY", Transaction.VERIFY, b, timings,
          () -> bc.verify(new VerifyRequest(job[0], a.sockets().source())),
          VerifyResponse::confirmed, r -> "REFUSED " + r.refusal());
      FinalMetering done = new FinalMetering(job[0], DOCUMENT_BYTES, DOCUMENT_PAGES, true);
      step("A METERING", Transaction.METERING, a, timings, () -> aClient.metering(done),
          m -> true, m -> "");
      step("B METERING", Transaction.METERING, b, timings, () -> bc.metering(done), m -> true,
          m -> "");
      step("A DISCONNECT", Transaction.DISCONNECT, a, timings,
          () -> aClient.disconnect(disconnect()), DisconnectResponse::confirmed,
          r -> "NOT_DISCONNECTED " + r.refusal());
      step("B DISCONNECT", Transaction.DISCONNECT, b, timings, () -> bc.disconnect(disconnect()),
          DisconnectResponse::confirmed, r -> "NOT_DISCONNECTED " + r.refusal());
    } catch (StepFailed e) {
      if (woken != null) {
        awaitQuietly(woken);
      }
      if (cutOff.getAsBoolean()) {
        close(aClient, bClient.get());
        return new LinkupRecord.CutOff();
      }
      cleanUp(aClient, bClient.get(), job[0]);
      close(aClient, bClient.get());
      return new LinkupRecord.Failed(e.kind, e.getMessage());
    } catch (RuntimeException e) {
      close(aClient, bClient.get());
      if (cutOff.getAsBoolean()) {
        return new LinkupRecord.CutOff();
      }
      return new LinkupRecord.Failed("LOADGEN: " + e.getClass().getSimpleName(),
          String.valueOf(e.getMessage()));
    }
    close(aClient, bClient.get());
    return new LinkupRecord.Completed(timings, a.sockets().counted().minus(aBefore),
        b.sockets().counted().minus(bBefore));
  }

  /**
   * Times one transaction and checks its answer.
   *
   * @throws StepFailed naming the step and the answer if it is not the expected one
   */
  private static <R> R step(String name, Transaction t, Box box,
      List<LinkupRecord.Timed> timings, Supplier<Outcome<R>> call, Predicate<R> expected,
      Function<R, String> describe) throws StepFailed {
    WireBytes before = box.sockets().counted();
    long start = System.nanoTime();
    Outcome<R> o = call.get();
    long nanos = System.nanoTime() - start;
    long bytes = box.sockets().counted().minus(before).total();
    if (o instanceof Outcome.Answered<R> answered) {
      R r = answered.response();
      if (!expected.test(r)) {
        throw new StepFailed(name + ": " + describe.apply(r), r.toString());
      }
      timings.add(new LinkupRecord.Timed(t, nanos, bytes));
      return r;
    }
    if (o instanceof Outcome.Rejected<R> rejected) {
      throw new StepFailed(name + ": " + rejected.status() + " " + rejected.code(),
          rejected.message());
    }
    Outcome.Failed<R> failed = (Outcome.Failed<R>) o;
    throw new StepFailed(name + ": transport failure " + failed.cause().getClass().getSimpleName(),
        String.valueOf(failed.cause().getMessage()));
  }

  private void await(CompletableFuture<CssClient> woken) throws StepFailed {
    try {
      woken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StepFailed f) {
        throw f;
      }
      throw new StepFailed("B CONNECT (woken): " + e.getCause().getClass().getSimpleName(),
          String.valueOf(e.getCause().getMessage()));
    } catch (TimeoutException e) {
      throw new StepFailed("B CONNECT (woken): no answer in " + timeout, "");
    } catch (CancellationException e) {
      throw new StepFailed("B CONNECT (woken): cancelled", "");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailed("LOADGEN: interrupted", "");
    }
  }

  private void awaitQuietly(CompletableFuture<CssClient> woken) {
    try {
      woken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      // the failure is already reported; this only waits for the receiver's thread
    }
  }

  /**
   * After a failed step: both ends send an unsuccessful final for a job they may hold and
   * disconnect, answers unchecked, so that the next linkup of the pair starts from IDLE.
   */
  private static void cleanUp(CssClient a, CssClient b, JobNumber job) {
    if (job != null) {
      FinalMetering failed = new FinalMetering(job, 0, 0, false);
      a.metering(failed);
      if (b != null) {
        b.metering(failed);
      }
    }
    a.disconnect(disconnect());
    if (b != null) {
      b.disconnect(disconnect());
    }
  }

  private static void close(CssClient a, CssClient b) {
    a.close();
    if (b != null) {
      b.close();
    }
  }

  private static ConnectRequest connect(Box box) {
    return new ConnectRequest(SequenceNumbers.NONE, box.dataTransferPort());
  }

  private static DisconnectRequest disconnect() {
    return new DisconnectRequest(SequenceNumbers.NONE);
  }
}
