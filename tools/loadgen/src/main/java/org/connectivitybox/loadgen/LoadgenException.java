package org.connectivitybox.loadgen;

/** A run cannot be set up (bad input, CSS unreachable, ...); its message is one line. */
final class LoadgenException extends Exception {
  LoadgenException(String message) {
    super(message);
  }

  LoadgenException(String message, Throwable cause) {
    super(message, cause);
  }
}
