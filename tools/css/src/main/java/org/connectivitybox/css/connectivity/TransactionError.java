package org.connectivitybox.css.connectivity;

import org.connectivitybox.protocols.transaction.ErrorCode;

/**
 * A transaction the CSS cannot process, answered with the error body and the code's status
 * (docs/protocol.md, "Status codes and the error body").
 */
public final class TransactionError extends RuntimeException {
  private final ErrorCode code;

  public TransactionError(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
