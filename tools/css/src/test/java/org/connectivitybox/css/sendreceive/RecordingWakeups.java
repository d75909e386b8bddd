package org.connectivitybox.css.sendreceive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.connectivitybox.css.wakeup.CallbackSignallingServer;
import org.connectivitybox.css.wakeup.WakeupCall;
import org.connectivitybox.css.wakeup.WakeupResult;
import org.connectivitybox.protocols.tls.CbId;

/**
 * A call-back signalling server for the manager's unit tests: records each wakeup asked for and
 * answers placed or failed at once. (The real dialler through the PSTN simulator is exercised by
 * the Figure-10 integration test.)
 */
final class RecordingWakeups implements CallbackSignallingServer {
  private final boolean placed;
  private final List<WakeupCall> calls = new ArrayList<>();

  private RecordingWakeups(boolean placed) {
    this.placed = placed;
  }

  /** Every call is placed (the line rang). */
  static RecordingWakeups placing() {
    return new RecordingWakeups(true);
  }

  /** No call can be placed. */
  static RecordingWakeups failing() {
    return new RecordingWakeups(false);
  }

  @Override
  public void wakeUp(WakeupCall call, Consumer<WakeupResult> done) {
    synchronized (calls) {
      calls.add(call);
    }
    done.accept(placed ? WakeupResult.placed("recorded") : WakeupResult.failed("no line"));
  }

  /** The boxes woken so far, in order. */
  List<CbId> calledBoxes() {
    synchronized (calls) {
      return calls.stream().map(WakeupCall::cbId).toList();
    }
  }

  @Override
  public void close() { }
}
