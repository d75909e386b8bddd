package org.connectivitybox.protocols.sendreceive;

import java.util.Objects;
import org.connectivitybox.protocols.tls.CbId;

/**
 * What the CSS's subscriber lookup found for the receiver named in a SEND (Figure 8, Opening):
 * a refusal, or the receiver's CB ID and, if it is connected now, its data-transfer address.
 *
 * @param refusal null if the job may proceed
 * @param receiver the receiver's CB ID; null when refused
 * @param connectedAt the receiver's address if it is connected; null if it must be woken up
 */
public record ReceiverCheck(SendRefusal refusal, CbId receiver, TransferAddress connectedAt) {
  /** @throws IllegalArgumentException if a refusal names a receiver or a go-ahead does not */
  public ReceiverCheck {
    if ((refusal == null) == (receiver == null)) {
      throw new IllegalArgumentException("a receiver check has either a receiver or a refusal");
    }
    if (refusal != null && connectedAt != null) {
      throw new IllegalArgumentException("a refused receiver check has no address");
    }
  }

  /** The rules or records refuse the job. */
  public static ReceiverCheck refused(SendRefusal reason) {
    return new ReceiverCheck(Objects.requireNonNull(reason, "reason"), null, null);
  }

  /** The receiver may be sent to and is connected at {@code address}. */
  public static ReceiverCheck connected(CbId receiver, TransferAddress address) {
    return new ReceiverCheck(null, receiver, Objects.requireNonNull(address, "address"));
  }

  /** The receiver may be sent to but must be woken up first. */
  public static ReceiverCheck notConnected(CbId receiver) {
    return new ReceiverCheck(null, Objects.requireNonNull(receiver, "receiver"), null);
  }
}
