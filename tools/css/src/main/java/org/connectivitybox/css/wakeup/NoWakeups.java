package org.connectivitybox.css.wakeup;

import java.util.function.Consumer;

/** A CSS without a wakeup line or gateway: every wakeup fails at once (SEND WAKEUP_FAILED). */
public final class NoWakeups implements CallbackSignallingServer {
  @Override
  public void wakeUp(WakeupCall call, Consumer<WakeupResult> done) {
    done.accept(WakeupResult.failed("this CSS has no wakeup line or gateway configured"));
  }

  @Override
  public void close() { }

  @Override
  public String toString() {
    return "no wakeups";
  }
}
