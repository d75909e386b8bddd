package org.connectivitybox.css.sendreceive;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.connectivitybox.css.store.StoreException;
import org.connectivitybox.protocols.sendreceive.SendResponse;
import org.tinylog.Logger;

/**
 * The SEND Requests this node holds open while their jobs wait in OPENING for a woken receiver:
 * a future per job number and a timer at its wakeup deadline, and no thread. A held SEND is
 * answered when its job leaves OPENING — the receiver's CONNECT (here or on another node), a
 * failed wakeup — or by the timer, whichever comes first; the answer is read from the job's row,
 * so it is the same whichever node made the change.
 *
 * <p>Thread-safe. Database work runs on {@code work}, never on the caller's thread.
 */
final class HeldSends implements AutoCloseable {
  private final Map<Long, CompletableFuture<SendResponse>> waiting = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers;
  private final Executor work;
  private final LongFunction<Optional<SendResponse>> answer;
  private final LongConsumer expire;

  /**
   * @param answer the SEND Response a job's row gives now, empty while it is OPENING
   * @param expire ends a job still OPENING at its deadline (WAKEUP_TIMED_OUT)
   */
  HeldSends(ScheduledExecutorService timers, Executor work,
      LongFunction<Optional<SendResponse>> answer, LongConsumer expire) {
    this.timers = timers;
    this.work = work;
    this.answer = answer;
    this.expire = expire;
  }

  /** Holds the SEND of job {@code jobNumber} for at most {@code wait}. */
  CompletableFuture<SendResponse> hold(long jobNumber, Duration wait) {
    CompletableFuture<SendResponse> f = new CompletableFuture<>();
    waiting.put(jobNumber, f);
    ScheduledFuture<?> timer = timers.schedule(() -> run(() -> timedOut(jobNumber)),
        wait.toNanos(), TimeUnit.NANOSECONDS);
    f.whenComplete((r, e) -> {
      waiting.remove(jobNumber, f);
      timer.cancel(false);
    });
    return f;
  }

  /** Job {@code jobNumber} may have left OPENING: answers its SEND if this node holds it. */
  void changed(long jobNumber) {
    if (waiting.containsKey(jobNumber)) {
      run(() -> resolve(jobNumber));
    }
  }

  /** Announcements may have been missed: looks at every held job again. */
  void recheckAll() {
    waiting.keySet().forEach(this::changed);
  }

  /** How many SENDs are held now. */
  int size() {
    return waiting.size();
  }

  private void resolve(long jobNumber) {
    CompletableFuture<SendResponse> f = waiting.get(jobNumber);
    if (f == null) {
      return;
    }
    try {
      answer.apply(jobNumber).ifPresent(f::complete);
    } catch (StoreException e) {
      // The timer, or the next announcement, tries again.
      Logger.warn("cannot read job {} to answer its SEND: {}", jobNumber, e.getMessage());
    }
  }

  private void timedOut(long jobNumber) {
    CompletableFuture<SendResponse> f = waiting.get(jobNumber);
    if (f == null) {
      return;
    }
    try {
      expire.accept(jobNumber);
      Optional<SendResponse> r = answer.apply(jobNumber);
      if (r.isPresent()) {
        f.complete(r.get());
      } else {
        f.completeExceptionally(new IllegalStateException("job " + jobNumber
            + " is still OPENING after its wakeup deadline"));
      }
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
  }

  private void run(Runnable task) {
    try {
      work.execute(task);
    } catch (RejectedExecutionException e) {
      // stopping: close() answers whatever is left
    }
  }

  /** Answers every held SEND with {@code failure} (the CSS is stopping). */
  @Override
  public void close() {
    StoreException stopping = new StoreException("the CSS is stopping; SEND again", null);
    waiting.values().forEach(f -> f.completeExceptionally(stopping));
  }
}
