package org.connectivitybox.css.wakeup;

import java.util.function.Consumer;

/**
 * The call-back signalling server (CBSS, 22 in Figure 2): wakes a box that is not connected by
 * a telephone call it does not answer, so that it dials in and CONNECTs.
 *
 * <p>Implementations: {@link ModemWakeups} dials through modem lines (a simulator line or a real
 * modem) with the PSTN layer's {@code WakeupDialler}; {@link WebhookWakeups} hands the wakeup to
 * an external signalling gateway over HTTP; {@link NoWakeups} has no way to call and fails every
 * wakeup. Placing a call says nothing of whether the box will call back: the send/receive manager
 * waits for the box's CONNECT until its wakeup timeout.
 */
public interface CallbackSignallingServer extends AutoCloseable {

  /**
   * Asks for a wakeup call. Returns at once; {@code done} is called exactly once, on a thread of
   * the implementation, when the call has been placed or could not be. Two requests for one box
   * while its call is still pending may be answered by that one call.
   */
  void wakeUp(WakeupCall call, Consumer<WakeupResult> done);

  /** Stops placing calls; pending requests are answered as failed. */
  @Override
  void close();
}
