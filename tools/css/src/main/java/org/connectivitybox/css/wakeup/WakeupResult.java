package org.connectivitybox.css.wakeup;

import java.util.Objects;

/**
 * How a wakeup request ended: the call was placed (the line rang and was left unanswered), or it
 * could not be, with a one-line reason for the logs (busy, no line, the gateway refused...).
 */
public record WakeupResult(boolean placed, String detail) {
  public WakeupResult {
    Objects.requireNonNull(detail, "detail");
  }

  public static WakeupResult placed(String detail) {
    return new WakeupResult(true, detail);
  }

  public static WakeupResult failed(String detail) {
    return new WakeupResult(false, detail);
  }
}
