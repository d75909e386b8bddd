package org.connectivitybox.css.sendreceive;

import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import org.connectivitybox.css.http.TransactionEndpoint;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.SendReceiveCodec;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * One URL of the send/receive manager ({@code POST /v1/send}, {@code /v1/verify}, {@code
 * /v1/metering}): decodes the body with {@link SendReceiveCodec}, hands it with the caller's CB
 * ID and source address to the {@link SendReceiveManager} and encodes the answer (METERING: 204,
 * no body; SEND: when the manager answers it, which for a receiver being woken is later); method,
 * media type and failures as {@link TransactionEndpoint} says.
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
  protected CompletableFuture<byte[]> answerLater(CbId caller, InetAddress source, byte[] bytes)
      throws MalformedMessageException {
    if (transaction == Transaction.SEND) {
      return manager.send(caller, source, SendReceiveCodec.decodeSendRequest(bytes))
          .thenApply(SendReceiveCodec::encode);
    }
    return super.answerLater(caller, source, bytes);
  }

  @Override
  protected byte[] answer(CbId caller, InetAddress source, byte[] bytes)
      throws MalformedMessageException {
    return switch (transaction) {
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
