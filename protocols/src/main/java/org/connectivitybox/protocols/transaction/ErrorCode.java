package org.connectivitybox.protocols.transaction;

/**
 * Why the CSS could not process a transaction at all, with the HTTP status it is sent with.
 *
 * <p>These are failures of the exchange, not answers: a refused CONNECT, SEND or VERIFY is a
 * normal 200 response with a typed reason. The code is the {@code error.code} of the error body.
 */
public enum ErrorCode {
  /** The body is not the JSON this transaction expects; the message names the field. */
  MALFORMED_REQUEST(400),
  /** The TLS client certificate is missing or has no CB purpose, so there is no CB ID. */
  NO_CB_IDENTITY(401),
  /** The client certificate is valid but not a CB certificate, or its identity is malformed. */
  WRONG_CERTIFICATE(403),
  /** The CB ID of the certificate has no subscriber record. */
  UNKNOWN_SUBSCRIBER(403),
  /** The subscriber is revoked: every operational URL refuses it at once. */
  SUBSCRIBER_REVOKED(403),
  /** The transaction needs an On Line connection (a granted CONNECT) and there is none. */
  NOT_CONNECTED(409),
  /** The transaction is not allowed in the state of the connection or job; message says which. */
  WRONG_STATE(409),
  /** The job number is not a job of this CSS, or the caller is neither of its ends. */
  UNKNOWN_JOB(404),
  /** No transaction at this path. */
  NOT_FOUND(404),
  /** A method other than POST. */
  METHOD_NOT_ALLOWED(405),
  /** The request body is not {@code application/json}. */
  UNSUPPORTED_MEDIA_TYPE(415),
  /** The CSS is overloaded or a back end (database, CBS server) is down; retry later. */
  SERVICE_UNAVAILABLE(503),
  /** A fault of the CSS. */
  INTERNAL_ERROR(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status this error is sent with. */
  public int httpStatus() {
    return httpStatus;
  }
}
