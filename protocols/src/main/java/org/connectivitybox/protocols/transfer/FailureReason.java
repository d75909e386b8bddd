package org.connectivitybox.protocols.transfer;

/**
 * Why a transfer that had started did not complete. Reasons with a wire code travel in a FAILED
 * frame from the receiver; the others are what a side concludes on its own.
 */
public enum FailureReason {
  /** The peer sent a frame that is malformed or not allowed in the current state. */
  PROTOCOL_ERROR(1),
  /** The data received does not have the SETUP's SHA-256 digest; the partial is discarded. */
  DIGEST_MISMATCH(2),
  /** The digest matched but the bytes are not a document; the partial is discarded. */
  MALFORMED_DOCUMENT(3),
  /** The receiver could not store a chunk durably. */
  STORAGE_ERROR(4),
  /** No frame within the frame timeout, or the overall deadline passed. */
  TIMEOUT(5),
  /** A newer connection of the same sender for the same job took over. */
  SUPERSEDED(6),
  /** The receiver was closed during the transfer. */
  SHUTTING_DOWN(7),
  /** The receiver's listener did not take the completed document. */
  NOT_DELIVERED(8),
  /** (Local) The TCP connection could not be made. */
  CONNECT_FAILED(0),
  /** (Local) The TLS handshake failed: a certificate refused, or the peer went away. */
  HANDSHAKE_FAILED(0),
  /** (Local) The connection ended or broke before the transfer completed. */
  CONNECTION_LOST(0);

  private final int code;

  FailureReason(int code) {
    this.code = code;
  }

  /** The byte that names this reason in a FAILED frame; 0 for reasons that never travel. */
  public int code() {
    return code;
  }

  /** The reason with this wire code (1..), or null. */
  public static FailureReason ofCode(int code) {
    for (FailureReason r : values()) {
      if (code != 0 && r.code == code) {
        return r;
      }
    }
    return null;
  }
}
