package org.connectivitybox.protocols.transaction;

import java.util.Objects;

/**
 * The body of every non-2xx response: {@code {"error": {"code": "...", "message": "..."}}}.
 *
 * @param code what went wrong, one of the known codes
 * @param message for a person reading a log: never empty, at most 500 characters
 */
public record ErrorBody(ErrorCode code, String message) {
  /** Longest message accepted, so that a log line stays a line. */
  public static final int MAX_MESSAGE = 500;

  /** @throws IllegalArgumentException if the message is empty or too long */
  public ErrorBody {
    Objects.requireNonNull(code, "code");
    if (message == null || message.isBlank()) {
      throw new IllegalArgumentException("error message is missing");
    }
    if (message.length() > MAX_MESSAGE) {
      throw new IllegalArgumentException("error message is longer than " + MAX_MESSAGE);
    }
  }
}
