package org.connectivitybox.css.connectivity;

import java.net.InetAddress;
import org.connectivitybox.css.http.TransactionEndpoint;
import org.connectivitybox.css.store.Repositories;
import org.connectivitybox.protocols.absync.AddressBookCodec;
import org.connectivitybox.protocols.absync.AddressBookDownload;
import org.connectivitybox.protocols.codec.JsonFields;
import org.connectivitybox.protocols.codec.MalformedMessageException;
import org.connectivitybox.protocols.sendreceive.CbName;
import org.connectivitybox.protocols.tls.CbId;
import org.connectivitybox.protocols.transaction.Transaction;

/**
 * ABGET ({@code POST /v1/address-book}, body {@code {}}): the caller's master address book and
 * the CSS's address-book sequence number, for the box's address-book task (Phase III's initial
 * synchronisation). Needs a granted CONNECT ({@code NOT_CONNECTED} otherwise); the connection's
 * inactivity timer restarts.
 */
public final class AddressBookEndpoint extends TransactionEndpoint {
  private final Repositories store;
  private final ConnectivityManager connectivity;

  public AddressBookEndpoint(Repositories store, ConnectivityManager connectivity) {
    super(Transaction.ADDRESS_BOOK_GET);
    this.store = store;
    this.connectivity = connectivity;
  }

  @Override
  protected byte[] answer(CbId caller, InetAddress source, byte[] body)
      throws MalformedMessageException {
    JsonFields request = JsonFields.parse("ABGET request", body);
    for (String field : request.fieldNames()) {
      throw request.wrong(field, "is not a field of ABGET (its body is {})");
    }
    connectivity.touch(caller, "ABGET");
    long sequence = store.subscribers().sequenceNumber(caller,
        org.connectivitybox.protocols.sequence.Task.ADDRESS_BOOK.wireName());
    var entries = store.addressBooks().list(caller).stream()
        .map(e -> new AddressBookDownload.Entry(CbName.of(e.cbName()), e.friendlyName()))
        .toList();
    return AddressBookCodec.encode(new AddressBookDownload(sequence, entries));
  }

}
