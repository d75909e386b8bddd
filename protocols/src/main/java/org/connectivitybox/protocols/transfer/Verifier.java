package org.connectivitybox.protocols.transfer;

import java.net.InetAddress;
import org.connectivitybox.protocols.sendreceive.JobNumber;

/**
 * The receiver's VERIFY with the CSS (specification step [6], Figure 10 [l]–[m]): whether a
 * set-up for {@code job} coming from {@code senderAddress} is an authorised one. The firmware
 * implements it with its CSS client ({@code POST /v1/verify}).
 *
 * <p>Called on the connection's thread before any data is accepted, once per connection
 * (so again on every resume, with the address of that connection). It must return within the
 * frame timeout, must not throw (a failure is {@link VerifyResult.Failed}) and may be called by
 * several connections at once.
 */
@FunctionalInterface
public interface Verifier {
  /**
   * @param job the job number of the SETUP
   * @param senderAddress the source address of the TLS connection, not the one the SETUP claims
   */
  VerifyResult verify(JobNumber job, InetAddress senderAddress);
}
