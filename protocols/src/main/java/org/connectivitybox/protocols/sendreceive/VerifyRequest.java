package org.connectivitybox.protocols.sendreceive;

import java.net.InetAddress;
import java.util.Objects;

/**
 * VERIFY Request: the receiver asks whether a transfer set-up it received is an authorised one.
 *
 * @param jobNumber from the set-up message
 * @param senderAddress the IP address the set-up came from
 */
public record VerifyRequest(JobNumber jobNumber, InetAddress senderAddress) {
  public VerifyRequest {
    Objects.requireNonNull(jobNumber, "jobNumber");
    Objects.requireNonNull(senderAddress, "senderAddress");
  }
}
