package org.connectivitybox.protocols.pstn;

import java.util.Objects;

/**
 * One classified result line: the code, and for CONNECT the line rate in bit/s (0 if not given).
 */
public record ModemResult(ResultCode code, int rateBps) {

  /** @throws IllegalArgumentException for a negative rate, or a rate on a code other than CONNECT */
  public ModemResult {
    Objects.requireNonNull(code, "code");
    if (rateBps < 0 || (rateBps > 0 && code != ResultCode.CONNECT)) {
      throw new IllegalArgumentException("only CONNECT carries a rate, and never negative: "
          + code + " " + rateBps);
    }
  }

  public static ModemResult of(ResultCode code) {
    return new ModemResult(code, 0);
  }

  @Override
  public String toString() {
    return rateBps > 0 ? code.verbose() + " " + rateBps : code.verbose();
  }
}
