package org.connectivitybox.protocols.pstn;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.connectivitybox.hal.serial.LineState;
import org.connectivitybox.hal.serial.ReadResult;
import org.connectivitybox.hal.serial.SerialLine;
import org.connectivitybox.hal.serial.SerialLineException;
import org.tinylog.Logger;

/**
 * The V.250 (Hayes) modem driver: initialises the modem from a {@link ModemProfile}, dials,
 * answers, hangs up, carries a connected call's data, and publishes the modem's unsolicited
 * reports as {@link ModemEvent}s.
 *
 * <pre>
 *   caller threads ── command / dial / hangUp ──►  line.write
 *                                                     │
 *   reader thread  ◄── line.read ── LineSplitter ── result codes → the command waiting
 *                                        │          RING, caller ID, DRON/DROF → listeners
 *                                        └─ after CONNECT: CarrierWatch → DataCall.input
 * </pre>
 *
 * <p>One command at a time; every wait is bounded by a timeout on the injected {@link
 * ModemTime}. Link failures (an error code where OK was needed, no answer, a broken line) throw
 * {@link ModemException}; refusals of a dial are {@link DialOutcome}s. Listeners run on the reader
 * thread and must be fast; an exception from one is logged and does not stop the reader. The
 * states are those of {@link ModemState}. {@link #close()} closes the line (a serial port drops
 * DTR on close; a TCP line hangs up) but does not hang up first.
 */
public final class ModemDriver implements AutoCloseable {
  private static final int READ_CHUNK = 256;

  private final SerialLine line;
  private final ModemProfile profile;
  private final ModemTime time;
  private final ModemSettings settings;
  private final CopyOnWriteArrayList<Consumer<ModemEvent>> listeners =
      new CopyOnWriteArrayList<>();
  private final ReentrantLock commandLock = new ReentrantLock();
  private final Object stateLock = new Object();
  private final UnsolicitedReports reports;
  private final Thread reader;
  private final AtomicInteger dtrEpoch = new AtomicInteger();

  // Guarded by stateLock.
  private ModemState state = ModemState.COMMAND;
  private Exchange pending;
  private DataCall call;
  private boolean hangingUp;

  private volatile boolean running = true;
  private volatile boolean dataMode;
  private volatile boolean dtrDown;

  // Owned by the reader thread.
  private final LineSplitter splitter = new LineSplitter();
  private final CarrierWatch watch = new CarrierWatch();
  private boolean skipLf;
  private boolean dcdSeenOn;

  /** A command waiting for its final result code; the result is empty on timeout. */
  private static final class Exchange {
    final String command;
    final CompletableFuture<Optional<ModemResult>> result = new CompletableFuture<>();

    Exchange(String command) {
      this.command = command;
    }
  }

  private ModemDriver(SerialLine line, ModemProfile profile, ModemTime time,
      ModemSettings settings) {
    this.line = Objects.requireNonNull(line, "line");
    this.profile = Objects.requireNonNull(profile, "profile");
    this.time = Objects.requireNonNull(time, "time");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.reports = new UnsolicitedReports(time, settings.callerIdQuiet(), this::publish);
    this.reader = new Thread(this::readLoop, "modem-reader " + line.name());
    this.reader.setDaemon(true);
  }

  /** Takes over {@code line} and starts reading it; call {@link #initialise()} next. */
  public static ModemDriver start(SerialLine line, ModemProfile profile, ModemTime time,
      ModemSettings settings) {
    ModemDriver driver = new ModemDriver(line, profile, time, settings);
    driver.reader.start();
    return driver;
  }

  /** Registers a listener for unsolicited events. */
  public void addListener(Consumer<ModemEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Consumer<ModemEvent> listener) {
    listeners.remove(listener);
  }

  /** The current state. */
  public ModemState state() {
    synchronized (stateLock) {
      return state;
    }
  }

  /** The connected call's data, while the modem is ONLINE. */
  public Optional<DataCall> dataCall() {
    synchronized (stateLock) {
      return Optional.ofNullable(call);
    }
  }

  /**
   * Sends the profile's init lines (each must be answered OK), then turns caller ID and, if the
   * profile has it, distinctive-ring reports on; a modem that answers ERROR to those two works
   * without them.
   *
   * @throws ModemException if an init line is not answered OK in time, or the line fails
   * @throws IllegalStateException unless in COMMAND state
   */
  public ModemCapabilities initialise() throws IOException {
    commandLock.lock();
    try {
      requireState(ModemState.COMMAND);
      for (String command : profile.init()) {
        expectOk(command);
      }
      boolean callerId = optionalOk(profile.callerIdCommand());
      boolean distinctiveRing = profile.distinctiveRingCommand().isPresent()
          && optionalOk(profile.distinctiveRingCommand().get());
      return new ModemCapabilities(callerId, distinctiveRing);
    } finally {
      commandLock.unlock();
    }
  }

  /**
   * Sends one command line (without CR) in COMMAND state and returns its final result code.
   *
   * @throws ModemException if there is none within {@code timeout}, or the line fails
   * @throws IllegalStateException unless in COMMAND state
   */
  public ModemResult command(String command, Duration timeout) throws IOException {
    commandLock.lock();
    try {
      requireState(ModemState.COMMAND);
      return exchange(command, true, timeout)
          .orElseThrow(() -> ModemException.noAnswer(command, timeout));
    } finally {
      commandLock.unlock();
    }
  }

  /**
   * Dials and waits for the outcome; after TIMEOUT the attempt has been abandoned.
   *
   * @throws ModemException if the line fails
   * @throws IllegalStateException unless in COMMAND state
   */
  public DialOutcome dial(DialString number, Duration timeout) throws IOException {
    return startDial(number, timeout).await();
  }

  /**
   * Sends the dial command and returns at once; the outcome follows (see {@link PendingDial}).
   *
   * @throws ModemException if the command cannot be written
   * @throws IllegalStateException unless in COMMAND state
   */
  public PendingDial startDial(DialString number, Duration timeout) throws IOException {
    return startCall(number.command(), ModemState.DIALLING, timeout);
  }

  /**
   * Answers a ringing call ({@code ATA}) and waits for CONNECT or a refusal.
   *
   * @throws ModemException if the line fails
   * @throws IllegalStateException unless in COMMAND state
   */
  public DialOutcome answer(Duration timeout) throws IOException {
    return startCall("ATA", ModemState.ANSWERING, timeout).await();
  }

  private PendingDial startCall(String command, ModemState calling, Duration timeout)
      throws IOException {
    commandLock.lock();
    try {
      Exchange ex = new Exchange(command);
      synchronized (stateLock) {
        requireStateLocked(ModemState.COMMAND);
        transition(calling);
        pending = ex;
      }
      try {
        line.write((command + "\r").getBytes(US_ASCII));
      } catch (SerialLineException e) {
        synchronized (stateLock) {
          pending = null;
          transition(ModemState.COMMAND);
        }
        throw ModemException.lineFailed("cannot send " + command, e);
      }
      ModemTime.Cancellable timer =
          time.schedule(timeout, () -> ex.result.complete(Optional.empty()));
      CompletableFuture<DialOutcome> outcome = ex.result.thenApply(r -> {
        timer.cancel();
        return r.map(DialOutcome::of).orElse(DialOutcome.of(DialOutcome.Kind.TIMEOUT));
      });
      return new PendingDial(this, outcome, timeout);
    } finally {
      commandLock.unlock();
    }
  }

  /**
   * Ends the call, whatever its stage: abandons a dial or answer in progress; from data mode
   * escapes with {@code +++} (guard time of silence before and after) and sends {@code ATH}; if
   * the modem does not answer OK, drops DTR. Does nothing without a call.
   *
   * @throws ModemException if the modem ignored the hang-up and DTR could not be dropped
   */
  public void hangUp() throws IOException {
    commandLock.lock();
    try {
      hangUpLocked();
    } finally {
      commandLock.unlock();
    }
  }

  DialOutcome abandon(PendingDial dial) throws IOException {
    commandLock.lock();
    try {
      Optional<ModemResult> connected = hangUpLocked();
      DialOutcome soFar = dial.outcomeSoFar();
      return connected.isPresent() && !soFar.connected() ? DialOutcome.of(connected.get()) : soFar;
    } finally {
      commandLock.unlock();
    }
  }

  /** Returns the CONNECT of a call attempt that connected while it was being stopped. */
  private Optional<ModemResult> hangUpLocked() throws IOException {
    Optional<ModemResult> connected = Optional.empty();
    ModemState now = state();
    if (now == ModemState.DIALLING || now == ModemState.ANSWERING) {
      connected = abortCallAttempt();
      now = state();
    }
    synchronized (stateLock) {
      hangingUp = true;
    }
    try {
      if (now == ModemState.ONLINE) {
        escape();
        now = state();
      }
      if (now == ModemState.ONLINE_COMMAND) {
        Optional<ModemResult> r = exchange("ATH", true, settings.commandTimeout());
        if (r.isPresent() && (r.get().code() == ResultCode.OK
            || r.get().code() == ResultCode.NO_CARRIER)) {
          endCall(false);
        } else {
          Logger.warn("ATH answered {}: dropping DTR", r.map(Object::toString).orElse("nothing"));
          dropDtr();
        }
      }
    } finally {
      synchronized (stateLock) {
        hangingUp = false;
      }
    }
    return connected;
  }

  /** Stops a dial or answer with a character (V.250 aborts on any); DTR drop if ignored. */
  private Optional<ModemResult> abortCallAttempt() throws IOException {
    Exchange abort = new Exchange("ATH");
    Exchange attempt;
    synchronized (stateLock) {
      attempt = pending;
      pending = abort;
    }
    if (attempt != null) {
      attempt.result.complete(Optional.empty());
    }
    Optional<ModemResult> r = send(abort, "ATH\r", settings.commandTimeout());
    if (r.isPresent() && r.get().code() == ResultCode.CONNECT) {
      return r;
    }
    if (r.isEmpty()) {
      Logger.warn("the modem ignored the abort of a call attempt: dropping DTR");
      dropDtr();
    }
    return Optional.empty();
  }

  /** From ONLINE: guard, {@code +++}, guard; ONLINE_COMMAND on OK, else DTR drop. */
  private void escape() throws IOException {
    dataMode = false;
    synchronized (stateLock) {
      if (call != null) {
        call.end();
      }
    }
    sleep(settings.guardTime());
    if (state() != ModemState.ONLINE) {
      return;
    }
    Optional<ModemResult> r =
        exchange("+++", false, settings.guardTime().plus(settings.commandTimeout()));
    if (r.isPresent() && r.get().code() == ResultCode.OK) {
      synchronized (stateLock) {
        if (state == ModemState.ONLINE) {
          transition(ModemState.ONLINE_COMMAND);
        }
      }
    } else if (state() == ModemState.ONLINE) {
      Logger.warn("+++ answered {}: dropping DTR", r.map(Object::toString).orElse("nothing"));
      dropDtr();
    }
  }

  /** Drops DTR for the configured time, then raises it; the call is over. */
  private void dropDtr() throws IOException {
    dtrDown = true;
    dtrEpoch.incrementAndGet();
    try {
      line.setDtr(false);
      sleep(settings.dtrDropTime());
      line.setDtr(true);
    } catch (SerialLineException e) {
      throw ModemException.lineFailed("cannot drop DTR to hang up", e);
    } finally {
      dtrEpoch.incrementAndGet();
      dtrDown = false;
    }
    endCall(false);
  }

  /** Ends the call's data and returns to COMMAND; publishes CarrierLost if asked. */
  private void endCall(boolean carrierLost) {
    dataMode = false;
    boolean publishLost;
    synchronized (stateLock) {
      if (call != null) {
        call.end();
        call = null;
      }
      publishLost = carrierLost && !hangingUp && state.inCall();
      if (state.inCall()) {
        transition(ModemState.COMMAND);
      }
    }
    if (publishLost) {
      publish(new ModemEvent.CarrierLost(time.now()));
    }
  }

  private void expectOk(String command) throws IOException {
    Optional<ModemResult> r = exchange(command, true, settings.commandTimeout());
    if (r.isEmpty()) {
      throw ModemException.noAnswer(command, settings.commandTimeout());
    }
    if (r.get().code() != ResultCode.OK) {
      throw ModemException.answered(command, r.get());
    }
  }

  private boolean optionalOk(String command) throws IOException {
    Optional<ModemResult> r = exchange(command, true, settings.commandTimeout());
    if (r.isEmpty()) {
      throw ModemException.noAnswer(command, settings.commandTimeout());
    }
    if (r.get().code() != ResultCode.OK) {
      Logger.warn("{} answered {}: working without it", command, r.get());
      return false;
    }
    return true;
  }

  /** Sends {@code text} (with CR if asked) and waits for its final result; empty on timeout. */
  private Optional<ModemResult> exchange(String text, boolean cr, Duration timeout)
      throws IOException {
    Exchange ex = new Exchange(text);
    synchronized (stateLock) {
      if (state == ModemState.CLOSED) {
        throw new IllegalStateException("the modem driver is closed");
      }
      pending = ex;
    }
    return send(ex, cr ? text + "\r" : text, timeout);
  }

  private Optional<ModemResult> send(Exchange ex, String bytes, Duration timeout)
      throws IOException {
    try {
      try {
        line.write(bytes.getBytes(US_ASCII));
      } catch (SerialLineException e) {
        throw ModemException.lineFailed("cannot send " + ex.command, e);
      }
      ModemTime.Cancellable timer =
          time.schedule(timeout, () -> ex.result.complete(Optional.empty()));
      try {
        return await(ex.result, timeout, ex.command);
      } finally {
        timer.cancel();
      }
    } finally {
      synchronized (stateLock) {
        if (pending == ex) {
          pending = null;
        }
      }
    }
  }

  private void sleep(Duration d) throws IOException {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    ModemTime.Cancellable timer = time.schedule(d, () -> done.complete(true));
    try {
      await(done, d, "guard time");
    } finally {
      timer.cancel();
    }
  }

  /**
   * Waits for a future that the injected timer completes within {@code timeout}; in real time
   * at most twice that plus 10 s, in case the timer is broken.
   */
  static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
      throws IOException {
    try {
      return future.get(timeout.toMillis() * 2 + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for " + what);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ModemException) {
        throw (ModemException) cause;
      }
      throw ModemException.lineFailed(what, cause instanceof IOException
          ? (IOException) cause : new IOException(cause));
    } catch (TimeoutException e) {
      throw ModemException.noAnswer(what, timeout);
    }
  }

  private void requireState(ModemState expected) {
    synchronized (stateLock) {
      requireStateLocked(expected);
    }
  }

  private void requireStateLocked(ModemState expected) {
    if (state != expected) {
      throw new IllegalStateException("the modem is " + state + ", not " + expected);
    }
  }

  private void transition(ModemState to) {
    if (!state.next().contains(to)) {
      throw new IllegalStateException("the modem cannot go from " + state + " to " + to);
    }
    Logger.trace("modem {} → {}", state, to);
    state = to;
  }

  private void publish(ModemEvent event) {
    for (Consumer<ModemEvent> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        Logger.warn(e, "a modem listener failed on {}", event);
      }
    }
  }

  // ---- the reader thread ----

  private void readLoop() {
    while (running) {
      int epoch = dtrEpoch.get();
      ReadResult r;
      try {
        r = line.read(READ_CHUNK, settings.readPoll());
      } catch (SerialLineException e) {
        if (!running) {
          break;
        }
        if (dtrDown || dtrEpoch.get() != epoch) {
          pause();
          continue;
        }
        lineFailed(e);
        break;
      }
      try {
        if (r instanceof ReadResult.Data) {
          bytes(((ReadResult.Data) r).bytes());
        } else if (dataMode) {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          watch.flush(out);
          deliver(out);
        }
        if (dataMode) {
          checkCarrier();
        }
      } catch (RuntimeException e) {
        Logger.error(e, "modem reader: unexpected failure, reading on");
      }
    }
  }

  private void bytes(byte[] chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : chunk) {
      if (!dataMode) {
        String text = splitter.accept(b);
        if (text != null) {
          onLine(text);
        }
        continue;
      }
      if (skipLf) {
        skipLf = false;
        if (b == '\n') {
          continue;
        }
      }
      if (watch.accept(b, out)) {
        deliver(out);
        out.reset();
        splitter.reset();
        Logger.info("NO CARRIER: the call ended");
        endCall(true);
      }
    }
    if (dataMode && out.size() > 0) {
      noteCarrier(); // before the reader of the call can react to these bytes
    }
    deliver(out);
  }

  private void noteCarrier() {
    try {
      if (line.status().dcd() == LineState.ON) {
        dcdSeenOn = true;
      }
    } catch (SerialLineException e) {
      // the next read reports the failure
    }
  }

  private void onLine(String text) {
    Optional<ModemResult> result = ResultCode.classify(text, profile.numericExtras());
    Exchange ex;
    synchronized (stateLock) {
      ex = pending;
    }
    if (ex != null && text.strip().equalsIgnoreCase(ex.command)) {
      return; // the modem's echo of our own command
    }
    if (result.isEmpty() || !result.get().code().isFinal()) {
      if (!reports.accept(text, result)) {
        Logger.trace("ignored a line from the modem: {}", text);
      }
      return;
    }
    ModemResult r = result.get();
    boolean connected = false;
    synchronized (stateLock) {
      if (state == ModemState.DIALLING || state == ModemState.ANSWERING) {
        if (r.code() == ResultCode.CONNECT) {
          transition(ModemState.ONLINE);
          call = new DataCall(r.rateBps(), this::sendData);
          connected = true;
        } else {
          transition(ModemState.COMMAND);
        }
      }
      if (pending == ex) {
        pending = null;
      }
    }
    if (connected) {
      dataMode = true;
      skipLf = splitter.lastEndedWithCr();
      dcdSeenOn = false;
      publish(new ModemEvent.Connected(time.now(), r.rateBps()));
    } else if (r.code() == ResultCode.NO_CARRIER && state().inCall()) {
      endCall(true);
    }
    if (ex != null) {
      ex.result.complete(Optional.of(r));
    } else {
      Logger.trace("final result {} answered no command", r);
    }
  }

  private void deliver(ByteArrayOutputStream out) {
    if (out.size() == 0) {
      return;
    }
    DataCall c;
    synchronized (stateLock) {
      c = call;
    }
    if (c != null) {
      c.deliver(out.toByteArray());
    }
  }

  private void checkCarrier() {
    LineState dcd;
    try {
      dcd = line.status().dcd();
    } catch (SerialLineException e) {
      return; // the next read reports the failure
    }
    if (dcd == LineState.ON) {
      dcdSeenOn = true;
    } else if (dcd == LineState.OFF && dcdSeenOn) {
      Logger.info("DCD dropped: the call ended");
      endCall(true);
    }
  }

  private void sendData(byte[] bytes) throws IOException {
    if (!dataMode) {
      throw new IOException("the call has ended");
    }
    line.write(bytes);
  }

  private void lineFailed(SerialLineException e) {
    Logger.error("modem line {} failed: {}", line.name(), e.getMessage());
    Exchange ex;
    synchronized (stateLock) {
      ex = pending;
      pending = null;
    }
    endCall(true);
    if (ex != null) {
      ex.result.completeExceptionally(ModemException.lineFailed("the modem line failed", e));
    }
  }

  private void pause() {
    try {
      Thread.sleep(settings.readPoll().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Stops the reader (waiting at most 2 s) and closes the line; idempotent. */
  @Override
  public void close() {
    running = false;
    reports.reset();
    Exchange ex;
    synchronized (stateLock) {
      ex = pending;
      pending = null;
      if (call != null) {
        call.end();
        call = null;
      }
      if (state != ModemState.CLOSED) {
        transition(ModemState.CLOSED);
      }
    }
    if (ex != null) {
      ex.result.completeExceptionally(ModemException.lineFailed("the modem driver closed",
          new IOException("closed")));
    }
    line.close();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
