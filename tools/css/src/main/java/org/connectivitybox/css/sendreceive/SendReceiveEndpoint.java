package org.connectivitybox.css.sendreceive;

import java.net.InetAddress;
import org.connectivitybox.css.http.TransactionEndpoint;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.SendReceiveCodec;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * One URL of the send/receive manager ({@code POST /v1/send}, {@code /v1/verify}, {@code
 * /v1/metering}): decodes the body with {@link SendReceiveCodec}, hands it with the caller's CB
 * ID and source address to the {@link SendReceiveManager} and encodes the answer (METERING: 204,
 * no body); method, media type and failures as {@link TransactionEndpoint} says.
 */
public final class SendReceiveEndpoint extends TransactionEndpoint {
  private final SendReceiveManager manager;

  /** @throws IllegalArgumentException for a transaction not of the send/receive manager */
  public SendReceiveEndpoint(Transaction transaction, SendReceiveManager manager) {
    super(transaction);
    switch (transaction) {
      case SEND, VERIFY, METERING -> { }
      default -> throw new IllegalArgumentException(transaction + " is not served here");
    }
    this.manager = manager;
  }

  @Override
  protected byte[] answer(CbId caller, InetAddress source, byte[] bytes)
      throws MalformedMessageException {
    return switch (transaction) {
      case SEND -> SendReceiveCodec.encode(manager.send(caller, source,
          SendReceiveCodec.decodeSendRequest(bytes)));
      case VERIFY -> SendReceiveCodec.encode(manager.verify(caller,
          SendReceiveCodec.decodeVerifyRequest(bytes)));
      case METERING -> {
        manager.metering(caller, SendReceiveCodec.decodeMetering(bytes));
        yield NO_CONTENT;
      }
      default -> throw new AssertionError(transaction);
    };
  }
}
