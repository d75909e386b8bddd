package org.connectivitybox.firmware.http;

import java.io.IOException;
import java.util.Objects;

/**
 * What became of one transaction sent to the CSS.
 *
 * <ul>
 *   <li>{@link Answered}: a 200 with a valid body; whether the CSS granted or refused is in the
 *       response record itself (a refusal is a typed result of the protocol);
 *   <li>{@link Rejected}: any other status, with the error body's code and message (for example
 *       409 {@code NOT_CONNECTED}, or the identity filter's 403 {@code SUBSCRIBER_REVOKED});
 *   <li>{@link Failed}: no usable answer — connection, TLS or timeout failure, or a 200 whose body
 *       is not the expected message.
 * </ul>
 * The box treats {@code Rejected} and {@code Failed} of CONNECT and DISCONNECT as a failed
 * exchange (docs/protocol.md).
 *
 * @param <R> the transaction's response type
 */
public sealed interface Outcome<R> {

  /** The CSS processed the transaction and answered {@code response}. */
  record Answered<R>(R response) implements Outcome<R> {
    public Answered {
      Objects.requireNonNull(response, "response");
    }
  }

  /**
   * The CSS answered with an error status.
   *
   * @param code the error body's {@code error.code}, or {@code "HTTP_" + status} without one
   */
  record Rejected<R>(int status, String code, String message) implements Outcome<R> {}

  /** There is no usable answer; the cause says why (an HTTP status is in its message). */
  record Failed<R>(IOException cause) implements Outcome<R> {
    public Failed {
      Objects.requireNonNull(cause, "cause");
    }
  }
}
