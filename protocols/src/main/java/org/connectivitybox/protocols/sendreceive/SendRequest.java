package org.connectivitybox.protocols.sendreceive;

import java.util.Objects;

/**
 * SEND Request: the sender asks for a linkup with the receiver named by its CB Name; the sender
 * is known by its CB ID from TLS.
 */
public record SendRequest(CbName receiver) {
  public SendRequest {
    Objects.requireNonNull(receiver, "receiver");
  }
}
