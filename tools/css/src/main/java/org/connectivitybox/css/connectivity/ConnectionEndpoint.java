package org.connectivitybox.css.connectivity;

import java.net.InetAddress;
import org.connectivitybox.css.http.TransactionEndpoint;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.connection.ConnectionCodec;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * One URL of the connection manager ({@code POST /v1/connect}, {@code /v1/disconnect}, {@code
 * /v1/sequence-numbers}): decodes the body with {@link ConnectionCodec}, hands it with the
 * caller's CB ID and source address to the {@link ConnectivityManager} and encodes the answer;
 * method, media type and failures as {@link TransactionEndpoint} says.
 */
public final class ConnectionEndpoint extends TransactionEndpoint {
  private final ConnectivityManager manager;

  /** @throws IllegalArgumentException for a transaction not of the connection manager */
  public ConnectionEndpoint(Transaction transaction, ConnectivityManager manager) {
    super(transaction);
    switch (transaction) {
      case CONNECT, DISCONNECT, SEQUENCE_NUMBERS -> { }
      default -> throw new IllegalArgumentException(transaction + " is not served here");
    }
    this.manager = manager;
  }

  @Override
  protected byte[] answer(CbId caller, InetAddress source, byte[] bytes)
      throws MalformedMessageException {
    return switch (transaction) {
      case CONNECT -> ConnectionCodec.encode(manager.connect(caller, source,
          ConnectionCodec.decodeConnectRequest(bytes)));
      case DISCONNECT -> ConnectionCodec.encode(manager.disconnect(caller,
          ConnectionCodec.decodeDisconnectRequest(bytes)));
      case SEQUENCE_NUMBERS -> ConnectionCodec.encode(manager.checkSequenceNumbers(caller,
          ConnectionCodec.decodeSequenceCheckRequest(bytes)));
      default -> throw new AssertionError(transaction);
    };
  }
}
