package org.connectivitybox.protocols.transfer;

/** The type byte of every frame and the largest body each may have. */
public enum FrameType {
  /** Version 1 uses at most 71 bytes; the limit leaves room for later versions. */
  SETUP(0x01, 1024),
  ACCEPT(0x02, 4),
  REFUSE(0x03, 1 + 4 + 2 + TransferMessage.MAX_DETAIL),
  WAIT(0x04, 4),
  CHUNK(0x10, 4 + TransferMessage.MAX_CHUNK_SIZE),
  ACK(0x11, 4),
  DONE(0x12, TransferMessage.DIGEST_LENGTH),
  COMPLETE(0x20, 8 + 2),
  FAILED(0x21, 1 + 1 + 2 + TransferMessage.MAX_DETAIL);

  private final int code;
  private final int maxBody;

  FrameType(int code, int maxBody) {
    this.code = code;
    this.maxBody = maxBody;
  }

  /** The type byte. */
  public int code() {
    return code;
  }

  /** The largest body length a frame of this type may announce. */
  public int maxBody() {
    return maxBody;
  }

  /** The type with this byte, or null. */
  public static FrameType ofCode(int code) {
    for (FrameType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    return null;
  }
}
